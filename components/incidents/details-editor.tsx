"use client";
import { useState } from "react";
import { Pencil } from "lucide-react";
import { updateIncidentDetailsAction } from "@/lib/incidents/actions";
import { ConflictNotice } from "@/components/incidents/conflict-notice";
import { ServicesInput } from "@/components/incidents/services-input";
import { useHydrated } from "@/components/timeline/use-now";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { MarkdownBody } from "@/components/timeline/markdown";
import { MarkdownField } from "@/components/timeline/markdown-field";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

type Props =
  | { incidentId: string; field: "title" | "summary"; value: string; canEdit: boolean }
  | { incidentId: string; field: "services"; value: string[]; canEdit: boolean };

const LABELS = { title: "Title", summary: "Summary", services: "Affected services" } as const;
const text = (v: string | string[]) => (Array.isArray(v) ? v.join(", ") : v);

function View({ field, value }: { field: Props["field"]; value: string | string[] }) {
  if (Array.isArray(value)) {
    return value.length ? (
      <div className="flex flex-wrap gap-1.5">
        {value.map((s) => <span key={s} className="rounded bg-surface-2 px-2 py-0.5 font-mono text-sm">{s}</span>)}
      </div>
    ) : <p className="text-sm text-muted">None listed.</p>;
  }
  if (!value) return <p className="text-sm text-muted">No {field} yet.</p>;
  return field === "summary" ? <MarkdownBody source={value} /> : <p className="text-base font-medium">{value}</p>;
}

/**
 * One editable detail. Editing remembers the value it started from and sends it with the
 * change: if someone saved a different value meanwhile, the server refuses and says what it is now.
 */
export function DetailsEditor(props: Props) {
  const { incidentId, field, value, canEdit } = props;
  const { run, pending, conflict, fieldErrors, dismiss } = useIncidentMutation();
  // rebase: after a conflict the person has seen the current value; saving again is deliberate.
  const [edit, setEdit] = useState<{ from: string | string[]; draft: string; rebase?: boolean } | null>(null);
  const id = `detail-${field}`;
  const errors = fieldErrors.to;
  // Dead before hydration: the Edit buttons join the page once React runs (lighter HTML).
  const hydrated = useHydrated();

  function save(e: React.FormEvent) {
    e.preventDefault();
    if (!edit) return;
    const from = edit.rebase ? value : edit.from;
    const input: Record<string, unknown> = { incidentId, field, from, to: edit.draft };
    run(() => updateIncidentDetailsAction(input), () => setEdit(null), (r) => {
      if (!r.ok && r.code === "CONFLICT") setEdit((cur) => cur && { ...cur, rebase: true });
    });
  }

  return (
    <section className="flex flex-col gap-1.5" data-testid={`detail-${field}`} aria-labelledby={`${id}-label`}>
      <div className="flex items-center justify-between">
        <h3 id={`${id}-label`} className="text-xs font-medium uppercase tracking-wide text-muted">{LABELS[field]}</h3>
        {canEdit && hydrated && !edit ? (
          <Button size="sm" variant="ghost" className="h-7 px-2" onClick={() => { dismiss(); setEdit({ from: value, draft: text(value) }); }} aria-label={`Edit ${LABELS[field].toLowerCase()}`}>
            <Pencil className="size-3.5" aria-hidden /> Edit
          </Button>
        ) : null}
      </div>
      {edit ? (
        <form onSubmit={save} className="flex flex-col gap-2">
          {field === "summary" ? (
            <MarkdownField id={id} value={edit.draft} onValueChange={(draft) => setEdit({ ...edit, draft })} rows={6} aria-label={LABELS[field]} aria-invalid={errors ? true : undefined} />
          ) : field === "services" ? (
            <ServicesInput id={id} value={edit.draft} autoFocus onChange={(draft) => setEdit({ ...edit, draft })} label={LABELS[field]} invalid={Boolean(errors)} />
          ) : (
            <input id={id} value={edit.draft} autoFocus onChange={(e) => setEdit({ ...edit, draft: e.target.value })} className={inputClass} aria-label={LABELS[field]} aria-invalid={errors ? true : undefined} />
          )}
          {errors ? <p className="text-sm text-danger">{errors.join(" ")}</p> : null}
          <div className="flex gap-2">
            <Button size="sm" type="submit" disabled={pending}>{pending ? "Saving…" : "Save"}</Button>
            <Button size="sm" variant="ghost" onClick={() => setEdit(null)}>Cancel</Button>
          </div>
        </form>
      ) : (
        <View field={field} value={value} />
      )}
      <ConflictNotice message={conflict} onDismiss={dismiss} />
    </section>
  );
}
