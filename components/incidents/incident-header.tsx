import { incidentRef, isOpen } from "@/lib/incidents/rules";
import type { IncidentDetail } from "@/lib/incidents/queries";
import { SeverityBadge, StatusBadge } from "@/components/incidents/badges";
import { Since } from "@/components/timeline/time";
import { formatUtc } from "@/components/timeline/time-format";

export function IncidentHeader({ incident }: { incident: IncidentDetail }) {
  const open = isOpen(incident.status);
  return (
    <header className="flex flex-col gap-2" data-testid="incident-header">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-lg font-semibold text-muted">{incidentRef(incident.number)}</span>
        <SeverityBadge severity={incident.severity} size="lg" />
        <StatusBadge status={incident.status} size="lg" />
      </div>
      <h1 className="text-3xl font-semibold tracking-tight">{incident.title}</h1>
      <p className="text-sm text-muted">
        {open ? "Open for " : "Lasted "}
        <strong className="text-fg">
          <Since from={incident.startedAt} to={open ? null : (incident.resolvedAt ?? incident.closedAt)} />
        </strong>
        {" · started "}
        {formatUtc(incident.startedAt)}
        {incident.declaredBy ? ` · declared by ${incident.declaredBy.name}` : ""}
      </p>
    </header>
  );
}
