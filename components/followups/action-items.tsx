"use client";
import { useState } from "react";
import { Pencil, Plus } from "lucide-react";
import { setActionItemStatusAction } from "@/lib/followups/actions";
import type { ActionItemView } from "@/lib/followups/queries";
import { ACTION_STATUSES, ACTION_STATUS_LABELS, ACTIVE_ACTION_STATUSES, type ActionStatus } from "@/lib/followups/rules";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { ConflictNotice } from "@/components/incidents/conflict-notice";
import { ActionItemForm } from "@/components/followups/action-item-form";
import { TrackerLink } from "@/components/followups/tracker-link";
import { DueLabel, useOverdue } from "@/components/followups/due-label";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/lib/cn";

type Users = { id: string; name: string }[];

function StatusSelect({ item }: { item: ActionItemView }) {
  const { run, pending, conflict, dismiss } = useIncidentMutation();
  const id = `ai-status-${item.id}`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="sr-only">Status of {item.title}</label>
      <select
        id={id} value={item.status} disabled={pending} className={cn(inputClass, "h-8 w-36")}
        onChange={(e) => run(() => setActionItemStatusAction({ id: item.id, version: item.version, status: e.target.value as ActionStatus }))}
      >
        {ACTION_STATUSES.map((s) => <option key={s} value={s}>{ACTION_STATUS_LABELS[s]}</option>)}
      </select>
      <ConflictNotice message={conflict} onDismiss={dismiss} />
    </div>
  );
}

function Row({ item, canEdit, onEdit }: { item: ActionItemView; canEdit: boolean; onEdit: () => void }) {
  const active = ACTIVE_ACTION_STATUSES.includes(item.status);
  const { overdue } = useOverdue(item.dueAt, active, item.overdue);
  return (
    <tr className={cn("border-t border-border align-top", overdue && "bg-danger/10")} data-testid="action-item" data-overdue={overdue} data-status={item.status}>
      <td className={cn("py-2 pr-3 pl-2", overdue && "border-l-4 border-danger")}>
        <span className={cn("font-medium", !active && "text-muted line-through")}>{item.title}</span>
        {item.trackerUrl ? (
          <TrackerLink href={item.trackerUrl} className="ml-2" />
        ) : null}
      </td>
      <td className="py-2 pr-3">{item.owner?.name ?? <span className="text-muted">Nobody</span>}</td>
      <td className="py-2 pr-3"><DueLabel dueAt={item.dueAt} active={active} serverOverdue={item.overdue} /></td>
      <td className="py-2 pr-3">{canEdit ? <StatusSelect item={item} /> : ACTION_STATUS_LABELS[item.status]}</td>
      <td className="py-2 pr-2 text-right">
        {canEdit ? (
          <Button size="sm" variant="ghost" onClick={onEdit} aria-label={`Edit ${item.title}`}><Pencil className="size-4" aria-hidden /></Button>
        ) : null}
      </td>
    </tr>
  );
}

/** The incident's action items, with an inline form to add or edit one. */
export function ActionItems({ incidentId, items, users, canEdit }: { incidentId: string; items: ActionItemView[]; users: Users; canEdit: boolean }) {
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const current = items.find((i) => i.id === editing);
  return (
    <section id="action-items" className="flex scroll-mt-4 flex-col gap-3" data-testid="action-items">
      <header className="flex items-center gap-2">
        <h3 className="font-semibold">Action items</h3>
        {canEdit && editing !== "new" ? (
          <Button size="sm" variant="secondary" className="ml-auto" onClick={() => setEditing("new")}><Plus className="size-4" aria-hidden />Add action item</Button>
        ) : null}
      </header>
      {editing === "new" ? <ActionItemForm incidentId={incidentId} users={users} onDone={() => setEditing(null)} /> : null}
      {current ? <ActionItemForm key={current.id} incidentId={incidentId} users={users} item={current} onDone={() => setEditing(null)} /> : null}
      {items.length ? (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="text-left text-xs uppercase tracking-wider text-muted">
              <tr><th className="py-1 pr-3 pl-2 font-medium">Title</th><th className="py-1 pr-3 font-medium">Owner</th><th className="py-1 pr-3 font-medium">Due</th><th className="py-1 pr-3 font-medium">Status</th><th className="sr-only">Edit</th></tr>
            </thead>
            <tbody>
              {items.map((i) => <Row key={i.id} item={i} canEdit={canEdit} onEdit={() => setEditing(i.id)} />)}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm text-muted">No action items yet. Preventive measures, monitoring improvements and runbook updates go here, each with an owner and a due date.</p>
      )}
    </section>
  );
}
