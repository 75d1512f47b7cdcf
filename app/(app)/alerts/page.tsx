import type { Metadata } from "next";
import { BellRing } from "lucide-react";
import { PageHeader } from "@/components/ui/card";
import { AlertsTable } from "@/components/alerts/alerts-table";
import { AlertViews } from "@/components/alerts/alert-views";
import { Pagination } from "@/components/incidents/pagination";
import { LiveRefresh } from "@/components/live/live-refresh";
import { ALERTS_PAGE_SIZE, listAlerts } from "@/lib/alerts/queries";
import { alertFilterSchema } from "@/lib/alerts/schemas";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { ALERTS_TOPIC, INCIDENTS_TOPIC } from "@/lib/live/topics";
import { getRenderSeq } from "@/lib/live/queries";

export const metadata: Metadata = { title: "Alerts" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const EMPTY = {
  firing: "Nothing is firing.",
  silenced: "No alert is silenced.",
  resolved: "No resolved alerts yet.",
  all: "No alerts yet.",
} as const;

export default async function AlertsPage({ searchParams }: Props) {
  const user = await requirePageUser();
  const since = await getRenderSeq();
  const raw = await searchParams;
  const params = Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string"));
  const filter = alertFilterSchema.parse(params);
  const { rows, total, counts } = await listAlerts(filter);

  return (
    <>
      <LiveRefresh topics={[ALERTS_TOPIC, INCIDENTS_TOPIC]} since={since} />
      <PageHeader title="Alerts" description="From Alertmanager and Sitrep's own threshold rules. Each firing group opens one incident; silence an alert to stop it opening incidents and notifying." />
      <AlertViews filter={filter} counts={counts} />
      {rows.length ? (
        <>
          <AlertsTable rows={rows} canEdit={hasRole(user.role, "responder")} />
          <Pagination params={params} page={filter.page} pageSize={ALERTS_PAGE_SIZE} total={total} path="/alerts" noun="alert" />
        </>
      ) : (
        <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-border p-10 text-center" data-testid="alerts-empty">
          <BellRing className="size-8 text-muted" aria-hidden />
          <p className="font-medium">{filter.q ? `No alerts match “${filter.q}”.` : EMPTY[filter.view]}</p>
          <p className="text-sm text-muted">Point Alertmanager&apos;s webhook at <code>/api/alerts/alertmanager</code>, or add <code>alertRules</code> to the service catalog (see <code>docs/alerts.md</code>).</p>
        </div>
      )}
    </>
  );
}
