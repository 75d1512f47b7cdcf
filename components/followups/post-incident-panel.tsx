import { ListChecks } from "lucide-react";
import { listAssignableUsers } from "@/lib/incidents/queries";
import { getIncidentFollowups } from "@/lib/followups/queries";
import { ActionItems } from "@/components/followups/action-items";
import { AddChecklist } from "@/components/followups/add-checklist";
import { ChecklistCard } from "@/components/followups/checklist-card";
import { Card } from "@/components/ui/card";

/**
 * The incident's post-incident work: its checklists by due bucket and its action items. Loads
 * its own data, so the incident page adds it in one line.
 */
export async function PostIncidentPanel({ incidentId, canEdit }: { incidentId: string; canEdit: boolean }) {
  const [data, users] = await Promise.all([getIncidentFollowups(incidentId), canEdit ? listAssignableUsers() : Promise.resolve([])]);
  return (
    <Card className="flex flex-col gap-5 p-4" data-testid="post-incident">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 className="flex items-center gap-2 text-sm font-bold uppercase tracking-wider text-muted">
          <ListChecks className="size-4" aria-hidden />Post-incident
        </h2>
        {canEdit ? <AddChecklist incidentId={incidentId} templates={data.templates} /> : null}
      </div>
      {data.checklists.length ? (
        data.checklists.map((c) => <ChecklistCard key={c.id} checklist={c} canEdit={canEdit} />)
      ) : (
        <p className="text-sm text-muted">
          {data.resolvedAt ? "No checklist on this incident." : "The default checklists are added when the incident is resolved; items fall due from that moment."}
        </p>
      )}
      <div className="border-t border-border pt-4">
        <ActionItems incidentId={incidentId} items={data.actionItems} users={users} canEdit={canEdit} />
      </div>
    </Card>
  );
}
