import { Link2 } from "lucide-react";
import { incidentRef, isOpen } from "@/lib/incidents/rules";
import type { IncidentDetail, IncidentRelations } from "@/lib/incidents/queries";
import { StatusBadge } from "@/components/incidents/badges";
import { LinkIncidentForm, UnlinkButton } from "@/components/incidents/link-controls";
import { MergeButton } from "@/components/incidents/merge-dialog";
import { Card } from "@/components/ui/card";

type Props = { incident: IncidentDetail; relations: IncidentRelations; canEdit: boolean };

/** Incidents of the same outage: linked ones, duplicates merged here, and the link and merge controls. */
export function RelatedIncidents({ incident, relations, canEdit }: Props) {
  const { linked, mergedFrom } = relations;
  const canMerge = canEdit && isOpen(incident.status) && !incident.mergedInto;
  if (!linked.length && !mergedFrom.length && !canEdit) return null;
  return (
    <Card className="flex flex-col gap-3 p-4" data-testid="related-incidents">
      <h2 className="flex items-center gap-2 text-sm font-bold uppercase tracking-wider text-muted">
        <Link2 className="size-4" aria-hidden />Related incidents
      </h2>
      {linked.length || mergedFrom.length ? (
        <ul className="flex flex-col divide-y divide-border text-sm">
          {linked.map((l) => (
            <li key={l.id} className="flex flex-wrap items-center gap-2 py-2" data-testid="linked-incident" data-number={l.number}>
              <a href={`/incidents/${l.number}`} className="font-mono font-semibold text-accent hover:underline">{incidentRef(l.number)}</a>
              <span className="min-w-0 flex-1 truncate">{l.title}</span>
              {l.mergedInto ? <span className="text-xs text-muted">merged into {incidentRef(l.mergedInto.number)}</span> : <StatusBadge status={l.status} />}
              {canEdit ? <UnlinkButton incidentId={incident.id} other={l.number} /> : null}
            </li>
          ))}
          {mergedFrom.map((m) => (
            <li key={m.number} className="flex flex-wrap items-center gap-2 py-2" data-testid="merged-from" data-number={m.number}>
              <a href={`/incidents/${m.number}`} className="font-mono font-semibold text-accent hover:underline">{incidentRef(m.number)}</a>
              <span className="min-w-0 flex-1 truncate">{m.title}</span>
              <span className="text-xs text-muted">merged into this incident</span>
            </li>
          ))}
        </ul>
      ) : null}
      {canEdit ? (
        <div className="flex flex-wrap items-start gap-2 border-t border-border pt-3">
          <LinkIncidentForm incidentId={incident.id} />
          {canMerge ? <MergeButton incident={{ id: incident.id, number: incident.number, version: incident.version }} /> : null}
        </div>
      ) : null}
    </Card>
  );
}
