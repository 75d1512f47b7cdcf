"use client";
import { useState } from "react";
import { createActionItemAction, updateActionItemAction } from "@/lib/followups/actions";
import type { ActionItemView } from "@/lib/followups/queries";
import { ACTION_STATUSES, ACTION_STATUS_LABELS } from "@/lib/followups/rules";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { ConflictNotice } from "@/components/incidents/conflict-notice";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

type Props = { incidentId: string; users: { id: string; name: string }[]; item?: ActionItemView; onDone: () => void };

const dayOf = (iso: string | null) => (iso ? iso.slice(0, 10) : "");

function Err({ errors }: { errors?: string[] }) {
  return errors?.length ? <p className="text-sm text-danger">{errors.join(" ")}</p> : null;
}

/** Creates an action item, or edits one at the version the editor saw (a stale edit is a conflict). */
export function ActionItemForm({ incidentId, users, item, onDone }: Props) {
  const { run, pending, conflict, fieldErrors, dismiss } = useIncidentMutation();
  const [v, setV] = useState({
    title: item?.title ?? "", ownerId: item?.owner?.id ?? "", dueAt: dayOf(item?.dueAt ?? null), status: item?.status ?? "open", trackerUrl: item?.trackerUrl ?? "",
  });
  // The version (and due time) this form was opened on: a live refresh must not move them, or
  // saving would silently overwrite whatever someone else changed meanwhile.
  const [opened] = useState(() => ({ version: item?.version ?? 0, dueAt: item?.dueAt ?? null }));
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setV({ ...v, [k]: e.target.value });
  const p = item ? `ai-${item.id}` : "ai-new";
  // An unchanged day keeps the exact due time it had; a new day is due at its end (UTC).
  const dueAt = item && v.dueAt === dayOf(opened.dueAt) ? (opened.dueAt ?? "") : v.dueAt;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const fields = { ...v, dueAt };
    run<unknown>(() => (item ? updateActionItemAction({ id: item.id, version: opened.version, ...fields }) : createActionItemAction({ incidentId, ...fields })), onDone);
  }
  const users2 = item?.owner && !users.some((u) => u.id === item.owner!.id) ? [...users, item.owner] : users;

  return (
    <form onSubmit={submit} className="flex flex-col gap-3 rounded-md border border-border bg-surface-2 p-3" aria-label={item ? "Edit the action item" : "New action item"} data-testid="action-item-form">
      <ConflictNotice message={conflict} onDismiss={dismiss} />
      <div className="flex flex-col gap-1">
        <label htmlFor={`${p}-title`} className="text-xs font-medium text-muted">Title</label>
        <input id={`${p}-title`} value={v.title} onChange={set("title")} className={inputClass} placeholder="Add an alert on lease expiry" aria-invalid={fieldErrors.title ? true : undefined} />
        <Err errors={fieldErrors.title} />
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${p}-owner`} className="text-xs font-medium text-muted">Owner</label>
          <select id={`${p}-owner`} value={v.ownerId} onChange={set("ownerId")} className={inputClass} aria-invalid={fieldErrors.ownerId ? true : undefined}>
            <option value="">Nobody yet</option>
            {users2.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
          <Err errors={fieldErrors.ownerId} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${p}-due`} className="text-xs font-medium text-muted">Due date (end of day, UTC)</label>
          <input id={`${p}-due`} type="date" value={v.dueAt} onChange={set("dueAt")} className={inputClass} aria-invalid={fieldErrors.dueAt ? true : undefined} />
          <Err errors={fieldErrors.dueAt} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${p}-status`} className="text-xs font-medium text-muted">Status</label>
          <select id={`${p}-status`} value={v.status} onChange={set("status")} className={inputClass}>
            {ACTION_STATUSES.map((s) => <option key={s} value={s}>{ACTION_STATUS_LABELS[s]}</option>)}
          </select>
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${p}-tracker`} className="text-xs font-medium text-muted">Tracker link (optional)</label>
        <input id={`${p}-tracker`} type="url" value={v.trackerUrl} onChange={set("trackerUrl")} className={inputClass} placeholder="https://jira.example.com/browse/OPS-123" aria-invalid={fieldErrors.trackerUrl ? true : undefined} />
        <Err errors={fieldErrors.trackerUrl} />
      </div>
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={pending}>{pending ? "Saving…" : item ? "Save" : "Add action item"}</Button>
        <Button size="sm" variant="ghost" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
