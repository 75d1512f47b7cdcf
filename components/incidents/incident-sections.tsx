import { HeartPulse, Zap } from "lucide-react";
import { ActionRunsPanel } from "@/components/actions/action-runs-panel";
import { IncidentAlerts } from "@/components/alerts/incident-alerts";
import { PostIncidentPanel } from "@/components/followups/post-incident-panel";
import { IncidentSidebar } from "@/components/incidents/incident-sidebar";
import { RelatedIncidents } from "@/components/incidents/related-incidents";
import { ReportCard } from "@/components/reports/report-card";
import { IncidentRunbooks } from "@/components/runbooks/incident-runbooks";
import { AffectedServices } from "@/components/services/affected-services";
import { Card } from "@/components/ui/card";
import { listActionInfos } from "@/lib/actions/info";
import { listIncidentAlerts } from "@/lib/alerts/queries";
import type { CurrentUser } from "@/lib/auth/session";
import { getIncidentRelations, getTimeline, listAssignableUsers, type IncidentDetail } from "@/lib/incidents/queries";
import { isOpen } from "@/lib/incidents/rules";
import { getReportSummary } from "@/lib/reports/queries";
import { suggestRunbooks } from "@/lib/runbooks/queries";
import { listIncidentRuns } from "@/lib/runbooks/run-queries";

// The incident page's slower sections: each fetches its own data and streams in behind a
// <Suspense> skeleton, so the header (title, status, severity, clocks, buttons) shows at once.

type Props = { incident: IncidentDetail; canEdit: boolean };
const heading = "mb-3 flex items-center gap-2 text-sm font-bold uppercase tracking-wider text-muted";

/** The report, the alerts behind the incident and its related incidents. */
export async function IncidentOverview({ incident, canEdit }: Props) {
  const [report, alerts, relations] = await Promise.all([
    getReportSummary(incident.id),
    listIncidentAlerts(incident.id),
    getIncidentRelations(incident.id),
  ]);
  return (
    <>
      {/* A merged duplicate gets no report of its own: the survivor's covers the outage. */}
      <ReportCard number={incident.number} report={report} resolved={!isOpen(incident.status) && !incident.mergedInto} canEdit={canEdit} />
      <IncidentAlerts alerts={alerts} />
      <RelatedIncidents incident={incident} relations={relations} canEdit={canEdit} />
    </>
  );
}

/** The affected services' health, recovery actions, runbooks and post-incident follow-ups. */
export async function IncidentWork({ incident, canEdit }: Props) {
  const [runs, suggested, actions] = await Promise.all([
    listIncidentRuns(incident.id),
    suggestRunbooks(incident),
    listActionInfos(incident.services),
  ]);
  const open = isOpen(incident.status);
  return (
    <>
      {incident.services.length ? (
        <Card className="p-4" data-testid="services-health">
          <h2 className={heading}><HeartPulse className="size-4" aria-hidden />Affected services&apos; health</h2>
          <AffectedServices slugs={incident.services} />
        </Card>
      ) : null}
      {actions.length ? (
        <Card className="p-4" data-testid="incident-actions">
          <h2 className={heading}><Zap className="size-4" aria-hidden />Recovery actions</h2>
          <ActionRunsPanel scope={{ incidentId: incident.id }} infos={actions} canAct={canEdit && open} context={{ incidentId: incident.id }} />
        </Card>
      ) : null}
      <IncidentRunbooks incident={incident} runs={runs} suggested={suggested} canEdit={canEdit && open} />
      <PostIncidentPanel incidentId={incident.id} canEdit={canEdit} />
    </>
  );
}

/** Severity, roles, targets and who reached each milestone. */
export async function IncidentSidebarSection({ incident, user, canEdit }: Props & { user: CurrentUser }) {
  const [milestones, users] = await Promise.all([getTimeline(incident.id, "milestones", 500), listAssignableUsers()]);
  return <IncidentSidebar incident={incident} events={milestones} users={users} me={{ id: user.id, name: user.name }} canEdit={canEdit} />;
}

const SKELETON_HEIGHT = { 2: "h-28", 3: "h-40", 4: "h-56" } as const;

/** A section on its way: one pulsing card of about its height (a placeholder must weigh little). */
export function SectionSkeleton({ rows = 2 }: { rows?: keyof typeof SKELETON_HEIGHT }) {
  return <Card className={`${SKELETON_HEIGHT[rows]} animate-pulse`} aria-busy="true" />;
}
