import type { IncidentDetail, TimelineEntry } from "@/lib/incidents/queries";
import { SeverityBadge } from "@/components/incidents/badges";
import { TargetInfo } from "@/components/incidents/clocks";
import { Milestones } from "@/components/incidents/milestones";
import { RoleControls } from "@/components/incidents/role-controls";
import { SeverityControl } from "@/components/incidents/severity-control";
import { Card } from "@/components/ui/card";
import { SEVERITY_INFO } from "@/lib/incidents/rules";

type Props = {
  incident: IncidentDetail;
  events: TimelineEntry[];
  users: { id: string; name: string }[];
  me: { id: string; name: string };
  canEdit: boolean;
};

const heading = "mb-3 text-xs font-semibold uppercase tracking-wide text-muted";

export function IncidentSidebar({ incident, events, users, me, canEdit }: Props) {
  return (
    <aside className="flex flex-col gap-4">
      <Card className="p-4">
        <h2 className={heading}>Severity</h2>
        {canEdit ? (
          <SeverityControl incidentId={incident.id} severity={incident.severity} />
        ) : (
          <p className="flex items-center gap-2">
            <SeverityBadge severity={incident.severity} size="lg" />
            <span className="font-medium">{SEVERITY_INFO[incident.severity].label}</span>
          </p>
        )}
      </Card>
      <Card className="p-4">
        <h2 className={heading}>Roles</h2>
        <RoleControls
          incidentId={incident.id}
          holders={{ commander: incident.commander, scribe: incident.scribe, comms: incident.comms }}
          users={users}
          me={me}
          canEdit={canEdit}
        />
      </Card>
      <Card className="p-4">
        <h2 className={heading}>Targets</h2>
        <TargetInfo severity={incident.severity} startedAt={incident.startedAt} mitigatedAt={incident.mitigatedAt} resolvedAt={incident.resolvedAt} />
      </Card>
      <Card className="p-4">
        <h2 className={heading}>Milestones</h2>
        <Milestones incident={incident} events={events} />
      </Card>
    </aside>
  );
}
