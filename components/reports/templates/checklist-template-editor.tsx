"use client";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { ConflictNotice } from "@/components/incidents/conflict-notice";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { ChecklistBucketFields, type ItemDraft } from "@/components/reports/templates/checklist-bucket-fields";
import { errorsByRow, newRowId } from "@/components/reports/templates/row-errors";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { BUCKET_NAMES, type Bucket } from "@/lib/reports/buckets";
import { createChecklistTemplateAction, updateChecklistTemplateAction } from "@/lib/reports/template-actions";
import type { ChecklistTemplateItem } from "@/lib/reports/template-queries";

export type ChecklistTemplateDraft = { name: string; description: string; isDefault: boolean; items: ChecklistTemplateItem[] };
type Props = { existing?: { slug: string; version: number }; initial: ChecklistTemplateDraft };

/** Bucket order, then the order within each bucket: how the items are saved and shown. */
const ordered = (items: ItemDraft[]) => BUCKET_NAMES.flatMap((b) => items.filter((i) => i.bucket === b));
const plain = (items: ItemDraft[]): ChecklistTemplateItem[] => ordered(items).map(({ bucket, text }) => ({ bucket, text }));

/**
 * A checklist template's items in their time buckets (counted from the incident's resolution).
 * Moving an item to another bucket puts it last there. What the admin typed survives any answer.
 */
export function ChecklistTemplateEditor({ existing, initial }: Props) {
  const router = useRouter();
  const idPrefix = useId();
  const { run, pending, conflict, fieldErrors, dismiss } = useIncidentMutation();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [isDefault, setIsDefault] = useState(initial.isDefault);
  const [items, setItems] = useState<ItemDraft[]>(() => initial.items.map((item, i) => ({ ...item, id: `s${i}` })));
  const [from, setFrom] = useState(existing?.version ?? 0);
  // the rows' ids as last sent: the server's errors name rows by their position then
  const [sent, setSent] = useState<string[]>([]);
  const { rows, other } = errorsByRow(fieldErrors, "items", sent);
  const leftover = Object.entries(other).filter(([k]) => !["name", "description", "items"].includes(k)).flatMap(([, v]) => v);
  const current: ChecklistTemplateDraft = { name, description, isDefault, items: plain(items) };
  const dirty = JSON.stringify(current) !== JSON.stringify(initial) || (existing !== undefined && from !== existing.version);

  const setText = (id: string, text: string) => setItems((list) => list.map((i) => (i.id === id ? { ...i, text } : i)));
  const setBucket = (id: string, bucket: Bucket) => setItems((list) => [...list.filter((i) => i.id !== id), { ...list.find((i) => i.id === id)!, bucket }]);
  const move = (id: string, by: -1 | 1) => setItems((list) => {
    const all = ordered(list);
    const at = all.findIndex((i) => i.id === id);
    const neighbour = all[at + by];
    if (!neighbour || neighbour.bucket !== all[at].bucket) return all;
    [all[at], all[at + by]] = [neighbour, all[at]];
    return all;
  });
  const add = (bucket: Bucket) => {
    const id = newRowId();
    setItems((list) => [...list, { id, bucket, text: "" }]);
    requestAnimationFrame(() => document.getElementById(`${idPrefix}-${id}`)?.focus());
  };

  function save(e: React.FormEvent) {
    e.preventDefault();
    setSent(ordered(items).map((i) => i.id));
    if (!existing) {
      run(() => createChecklistTemplateAction(current), (r) => router.push(`/reports/templates/checklists/${r.slug}`));
      return;
    }
    run(() => updateChecklistTemplateAction({ ...current, slug: existing.slug, fromVersion: from }), (r) => setFrom(r.version));
  }

  return (
    <form onSubmit={save} noValidate className="flex flex-col gap-4" aria-label={existing ? "Edit checklist template" : "New checklist template"}>
      <Card className="flex flex-col gap-4 p-4">
        <Field label="Name" name={`${idPrefix}-name`} errors={fieldErrors.name}>
          <input id={`${idPrefix}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} className={inputClass} aria-invalid={fieldErrors.name ? true : undefined} placeholder="Database incident follow-ups" />
        </Field>
        <Field label="Description" name={`${idPrefix}-description`} errors={fieldErrors.description}>
          <textarea id={`${idPrefix}-description`} value={description} onChange={(e) => setDescription(e.target.value)} rows={2} maxLength={500} className={`${inputClass} h-auto py-2`} aria-invalid={fieldErrors.description ? true : undefined} />
        </Field>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-0.5 size-4 accent-accent" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} />
          <span><span className="font-medium">Added on resolution</span><span className="block text-xs text-muted">Every incident gets this checklist when it resolves; otherwise responders add it by hand.</span></span>
        </label>
      </Card>
      {BUCKET_NAMES.map((b) => (
        <ChecklistBucketFields key={b} bucket={b} items={items.filter((i) => i.bucket === b)} idPrefix={idPrefix} errors={rows} canRemove={items.length > 1}
          onText={setText} onMove={move} onBucket={setBucket} onRemove={(id) => setItems((list) => list.filter((i) => i.id !== id))} onAdd={() => add(b)} />
      ))}
      {other.items ? <p className="text-sm text-danger" data-testid="items-error">{other.items.join(" ")}</p> : null}
      <ConflictNotice message={conflict} onDismiss={dismiss} />
      {leftover.length ? <p className="text-sm text-danger">{leftover.join(" ")}</p> : null}
      <div className="flex flex-wrap items-center justify-end gap-3">
        <span className="text-sm text-muted" aria-live="polite" data-testid="save-state">
          {pending ? "Saving…" : dirty ? "Unsaved changes" : existing ? `Saved · version ${from}` : ""}
        </span>
        <Button type="submit" disabled={pending || (existing !== undefined && !dirty)}>{existing ? "Save new version" : "Create template"}</Button>
      </div>
    </form>
  );
}
