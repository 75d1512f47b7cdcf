import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LiveRefresh } from "@/components/live/live-refresh";
import { getRenderSeq } from "@/lib/live/queries";
import { GuidedRun } from "@/components/runbooks/guided-run";
import { listActionInfos } from "@/lib/actions/info";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getIncidentByNumber } from "@/lib/incidents/queries";
import { parseIncidentRef } from "@/lib/incidents/rules";
import { getRun } from "@/lib/runbooks/run-queries";

type Params = { params: Promise<{ number: string; runId: string }> };

export const metadata: Metadata = { title: "Guided runbook" };

export default async function GuidedRunPage({ params }: Params) {
  const user = await requirePageUser();
  const { number, runId } = await params;
  const since = await getRenderSeq();
  const n = parseIncidentRef(decodeURIComponent(number));
  const [incident, found] = await Promise.all([n === null ? null : getIncidentByNumber(n), getRun(runId)]);
  if (!incident || !found || found.incidentId !== incident.id) notFound();
  const bound = found.run.parsed.phases.flatMap((p) => p.steps.flatMap((s) => (s.binding ? [s.binding.service] : [])));
  const actions = await listActionInfos([...new Set([...bound, ...incident.services])]);
  return (
    <>
      <LiveRefresh topics={[`incident:${incident.id}`]} since={since} />
      <GuidedRun
        run={found.run}
        incident={{ id: incident.id, number: incident.number, title: incident.title, startedAt: incident.startedAt.toISOString() }}
        canEdit={hasRole(user.role, "responder")}
        actions={actions}
      />
    </>
  );
}
