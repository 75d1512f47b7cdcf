import type { Metadata } from "next";
import { HeartPulse, Zap } from "lucide-react";
import { ActionRunsPanel } from "@/components/actions/action-runs-panel";
import { AckClock } from "@/components/incidents/clocks";
import { DetailsEditor } from "@/components/incidents/details-editor";
import { PostIncidentPanel } from "@/components/followups/post-incident-panel";
import { IncidentHeader } from "@/components/incidents/incident-header";
import { MergedBanner } from "@/components/incidents/merged-banner";
import { RelatedIncidents } from "@/components/incidents/related-incidents";
import { IncidentSidebar } from "@/components/incidents/incident-sidebar";
import { StatusControls } from "@/components/incidents/status-controls";
import { LiveRefresh } from "@/components/live/live-refresh";
import { getRenderSeq } from "@/lib/live/queries";
import { loadIncidentForPage } from "@/lib/incidents/page";
import { AffectedServices } from "@/components/services/affected-services";
import { IncidentRunbooks } from "@/components/runbooks/incident-runbooks";
import { ReportCard } from "@/components/reports/report-card";
import { IncidentAlerts } from "@/components/alerts/incident-alerts";
import { listIncidentAlerts } from "@/lib/alerts/queries";
import { getReportSummary } from "@/lib/reports/queries";
import { Timeline } from "@/components/timeline/timeline";
import { Card } from "@/components/ui/card";
import { listActionInfos } from "@/lib/actions/info";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { countTimeline, getIncidentByRef, getIncidentRelations, getTimeline, listAssignableUsers, type TimelineFilter } from "@/lib/incidents/queries";
import { incidentRef, isOpen } from "@/lib/incidents/rules";
import { suggestRunbooks } from "@/lib/runbooks/queries";
import { listIncidentRuns } from "@/lib/runbooks/run-queries";

type Params = { params: Promise<{ number: string }>; searchParams: Promise<{ view?: string | string[]; all?: string | string[] }> };

const VIEWS: readonly TimelineFilter[] = ["all", "notes", "pinned"];
const RECENT = 100;
const MOST = 2000;

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await getRenderSeq();
  const incident = await getIncidentByRef((await params).number);
  return { title: incident ? `${incidentRef(incident.number)} ${incident.title}` : "Incident not found" };
}

export default async function IncidentPage({ params, searchParams }: Params) {
  const user = await requirePageUser();
  const incident = await loadIncidentForPage((await params).number);
  const { view, all: showAll } = await searchParams;
  const filter = VIEWS.find((v) => v === view) ?? "all";
  const limit = showAll === "1" ? MOST : RECENT;
  const [events, total, pinned, milestones, users, runs, suggested, actions, report, alerts, relations] = await Promise.all([
    getTimeline(incident.id, filter, limit),
    countTimeline(incident.id, filter),
    getTimeline(incident.id, "pinned", 20),
    getTimeline(incident.id, "milestones", 500),
    listAssignableUsers(),
    listIncidentRuns(incident.id),
    suggestRunbooks(incident),
    listActionInfos(incident.services),
    getReportSummary(incident.id),
    listIncidentAlerts(incident.id),
    getIncidentRelations(incident.id),
  ]);
  const canEdit = hasRole(user.role, "responder");

  return (
    <div className="flex flex-col gap-5">
      <LiveRefresh topics={[`incident:${incident.id}`]} since={await getRenderSeq()} />
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
          {/* A merged duplicate gets no report of its own: the survivor's covers the outage. */}
          <ReportCard number={incident.number} report={report} resolved={!isOpen(incident.status) && !incident.mergedInto} canEdit={canEdit} />
          <IncidentAlerts alerts={alerts} />
          <RelatedIncidents incident={incident} relations={relations} canEdit={canEdit} />
          <Card className="flex flex-col gap-4 p-4">
            <DetailsEditor incidentId={incident.id} field="summary" value={incident.summary} canEdit={canEdit} />
            <div className="grid gap-4 border-t border-border pt-4 md:grid-cols-2">
              <DetailsEditor incidentId={incident.id} field="title" value={incident.title} canEdit={canEdit} />
              <DetailsEditor incidentId={incident.id} field="services" value={incident.services} canEdit={canEdit} />
            </div>
          </Card>
          {incident.services.length ? (
            <Card className="p-4" data-testid="services-health">
              <h2 className="mb-3 flex items-center gap-2 text-sm font-bold uppercase tracking-wider text-muted">
                <HeartPulse className="size-4" aria-hidden />Affected services&apos; health
              </h2>
              <AffectedServices slugs={incident.services} />
            </Card>
          ) : null}
          {actions.length ? (
            <Card className="p-4" data-testid="incident-actions">
              <h2 className="mb-3 flex items-center gap-2 text-sm font-bold uppercase tracking-wider text-muted">
                <Zap className="size-4" aria-hidden />Recovery actions
              </h2>
              <ActionRunsPanel scope={{ incidentId: incident.id }} infos={actions} canAct={canEdit && isOpen(incident.status)} context={{ incidentId: incident.id }} />
            </Card>
          ) : null}
          <IncidentRunbooks incident={incident} runs={runs} suggested={suggested} canEdit={canEdit && isOpen(incident.status)} />
          <PostIncidentPanel incidentId={incident.id} canEdit={canEdit} />
          <Timeline
            incidentId={incident.id}
            basePath={`/incidents/${incident.number}`}
            events={events}
            pinned={pinned}
            filter={filter}
            canEdit={canEdit}
          />
          {total > events.length ? (
            <p className="text-sm text-muted" data-testid="timeline-truncated">
              Showing the latest {events.length.toLocaleString("en")} of {total.toLocaleString("en")} events.{" "}
              {limit < MOST ? (
                <a className="text-accent hover:underline" href={`/incidents/${incident.number}?view=${filter}&all=1`}>
                  Show {Math.min(total, MOST).toLocaleString("en")}
                </a>
              ) : null}
            </p>
          ) : null}
        </div>
        <IncidentSidebar incident={incident} events={milestones} users={users} me={{ id: user.id, name: user.name }} canEdit={canEdit} />
      </div>
    </div>
  );
}
