import { Suspense } from "react";
import type { Metadata } from "next";
import { AckClock } from "@/components/incidents/clocks";
import { DetailsEditor } from "@/components/incidents/details-editor";
import { IncidentHeader } from "@/components/incidents/incident-header";
import { IncidentOverview, IncidentSidebarSection, IncidentWork, SectionSkeleton } from "@/components/incidents/incident-sections";
import { MergedBanner } from "@/components/incidents/merged-banner";
import { StatusControls } from "@/components/incidents/status-controls";
import { LiveRefresh } from "@/components/live/live-refresh";
import { Timeline, TimelineSkeleton } from "@/components/timeline/timeline";
import { Card } from "@/components/ui/card";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getIncidentByRef } from "@/lib/incidents/queries";
import { loadIncidentForPage } from "@/lib/incidents/page";
import { incidentRef, isOpen } from "@/lib/incidents/rules";
import { getRenderSeq } from "@/lib/live/queries";
import { TIMELINE_VIEWS } from "@/lib/timeline/wire";

type Params = { params: Promise<{ number: string }>; searchParams: Promise<{ view?: string | string[] }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await getRenderSeq();
  const incident = await getIncidentByRef((await params).number);
  return { title: incident ? `${incidentRef(incident.number)} ${incident.title}` : "Incident not found" };
}

// The header renders from the incident alone; every other section streams in behind a skeleton.
// New notes reach the timeline through its own live read (only what is new), not a page refresh.
export default async function IncidentPage({ params, searchParams }: Params) {
  const user = await requirePageUser();
  const incident = await loadIncidentForPage((await params).number);
  const since = await getRenderSeq();
  const { view: asked } = await searchParams;
  const view = TIMELINE_VIEWS.find((v) => v === asked) ?? "all";
  const canEdit = hasRole(user.role, "responder");

  return (
    <div className="flex flex-col gap-5">
      <LiveRefresh topics={[`incident:${incident.id}`]} since={since} ignoreVerbs={["incident.note"]} />
      <IncidentHeader incident={incident} />
      <MergedBanner incident={incident} />
      <AckClock startedAt={incident.startedAt} acknowledgedAt={incident.acknowledgedAt} open={isOpen(incident.status)} />
      {canEdit ? (
        <StatusControls incidentId={incident.id} status={incident.status} merged={Boolean(incident.mergedInto)} />
      ) : (
        <p className="text-sm text-muted" data-testid="read-only">You are a viewer: you can follow this incident, not change it.</p>
      )}
      <div className="grid items-start gap-5 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="flex min-w-0 flex-col gap-5">
          <Suspense fallback={<SectionSkeleton />}>
            <IncidentOverview incident={incident} canEdit={canEdit} />
          </Suspense>
          <Card className="flex flex-col gap-4 p-4">
            <DetailsEditor incidentId={incident.id} field="summary" value={incident.summary} canEdit={canEdit} />
            <div className="grid gap-4 border-t border-border pt-4 md:grid-cols-2">
              <DetailsEditor incidentId={incident.id} field="title" value={incident.title} canEdit={canEdit} />
              <DetailsEditor incidentId={incident.id} field="services" value={incident.services} canEdit={canEdit} />
            </div>
          </Card>
          <Suspense fallback={<SectionSkeleton rows={3} />}>
            <IncidentWork incident={incident} canEdit={canEdit} />
          </Suspense>
          <Suspense fallback={<TimelineSkeleton />}>
            <Timeline incidentId={incident.id} number={incident.number} view={view} canEdit={canEdit} since={since} />
          </Suspense>
        </div>
        <Suspense fallback={<SectionSkeleton rows={4} />}>
          <IncidentSidebarSection incident={incident} user={user} canEdit={canEdit} />
        </Suspense>
      </div>
    </div>
  );
}
