"use client";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { Plus } from "lucide-react";
import { ConflictNotice } from "@/components/incidents/conflict-notice";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { errorsByRow, newRowId } from "@/components/reports/templates/row-errors";
import { SectionFields, type SectionDraft } from "@/components/reports/templates/section-fields";
import { SeverityDefaults } from "@/components/reports/templates/severity-defaults";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import type { Severity } from "@/lib/incidents/rules";
import { MAX_SECTIONS, type TemplateSection } from "@/lib/reports/sections";
import { createReportTemplateAction, updateReportTemplateAction } from "@/lib/reports/template-actions";
import type { DefaultHolders } from "@/lib/reports/template-admin-queries";

export type ReportTemplateDraft = { name: string; description: string; defaultFor: Severity[]; sections: TemplateSection[] };
type Props = {
  /** absent: a new template */
  existing?: { slug: string; version: number; archived: boolean };
  initial: ReportTemplateDraft;
  holders: DefaultHolders;
  /** prefilled "what changed", e.g. when starting from an old version */
  note?: string;
};

const drafts = (sections: TemplateSection[]): SectionDraft[] => sections.map((s, i) => ({ ...s, id: `s${i}`, keyEdited: true }));
const plain = (sections: SectionDraft[]): TemplateSection[] => sections.map(({ key, title, type, guidance }) => ({ key, title, type, guidance }));

/**
 * Name, description, the severities it is the default for, and its sections. What the admin
 * typed stays in the form whatever the server answers; errors show beside their fields, and a
 * save based on an older version is refused with who saved since.
 */
export function ReportTemplateEditor({ existing, initial, holders, note: initialNote = "" }: Props) {
  const router = useRouter();
  const idPrefix = useId();
  const { run, pending, conflict, fieldErrors, dismiss } = useIncidentMutation();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [defaultFor, setDefaultFor] = useState(initial.defaultFor);
  const [sections, setSections] = useState(() => drafts(initial.sections));
  const [note, setNote] = useState(initialNote);
  const [from, setFrom] = useState(existing?.version ?? 0);
  // the rows' ids as last sent: the server's errors name rows by their position then
  const [sent, setSent] = useState<string[]>([]);
  const { rows, other } = errorsByRow(fieldErrors, "sections", sent);
  const severityErrors = Object.entries(other).filter(([k]) => k === "defaultFor" || k.startsWith("defaultFor.")).flatMap(([, v]) => v);
  const shown = (k: string) => ["name", "description", "sections", "note"].includes(k) || k.startsWith("defaultFor");
  const leftover = Object.entries(other).filter(([k]) => !shown(k)).flatMap(([, v]) => v);
  const current: ReportTemplateDraft = { name, description, defaultFor, sections: plain(sections) };
  const dirty = JSON.stringify(current) !== JSON.stringify(initial) || Boolean(initialNote) || (existing !== undefined && from !== existing.version);

  const patch = (id: string, p: Partial<SectionDraft>) => setSections((list) => list.map((s) => (s.id === id ? { ...s, ...p } : s)));
  const move = (index: number, by: -1 | 1) => setSections((list) => {
    const next = [...list];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    return next;
  });
  const add = () => setSections((list) => [...list, { id: newRowId(), key: "", title: "", type: "markdown", guidance: "", keyEdited: false }]);

  function save(e: React.FormEvent) {
    e.preventDefault();
    setSent(sections.map((s) => s.id));
    if (!existing) {
      run(() => createReportTemplateAction(current), (r) => router.push(`/reports/templates/${r.slug}`));
      return;
    }
    run(() => updateReportTemplateAction({ ...current, slug: existing.slug, fromVersion: from, note }), (r) => {
      setFrom(r.version);
      setNote("");
      // Saved from an old version's sections: back to the plain editor of the new one.
      if (initialNote) router.replace(`/reports/templates/${existing.slug}`);
    });
  }

  return (
    <form onSubmit={save} noValidate className="flex flex-col gap-4" aria-label={existing ? "Edit report template" : "New report template"}>
      <Card className="flex flex-col gap-4 p-4">
        <Field label="Name" name={`${idPrefix}-name`} errors={fieldErrors.name}>
          <input id={`${idPrefix}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} className={inputClass} aria-invalid={fieldErrors.name ? true : undefined} placeholder="Security incident report" />
        </Field>
        <Field label="Description" name={`${idPrefix}-description`} errors={fieldErrors.description} hint="When to use it: shown where a report's template is chosen.">
          <textarea id={`${idPrefix}-description`} value={description} onChange={(e) => setDescription(e.target.value)} rows={2} maxLength={500} className={`${inputClass} h-auto py-2`} aria-invalid={fieldErrors.description ? true : undefined} />
        </Field>
        <SeverityDefaults slug={existing?.slug} value={defaultFor} holders={holders} errors={severityErrors} disabled={existing?.archived} onChange={setDefaultFor} />
      </Card>

      <section aria-label="Sections" className="flex flex-col gap-3" data-testid="template-sections">
        <h2 className="text-sm font-bold tracking-wider text-muted uppercase">Sections ({sections.length})</h2>
        {sections.map((s, i) => (
          <SectionFields key={s.id} section={s} index={i} count={sections.length} idPrefix={idPrefix} errors={rows[s.id]}
            onChange={(p) => patch(s.id, p)} onMove={(by) => move(i, by)} onRemove={() => setSections((list) => list.filter((x) => x.id !== s.id))} />
        ))}
        {other.sections ? <p className="text-sm text-danger" data-testid="sections-error">{other.sections.join(" ")}</p> : null}
        <div>
          <Button variant="secondary" onClick={add} disabled={sections.length >= MAX_SECTIONS}><Plus className="size-4" aria-hidden /> Add section</Button>
        </div>
      </section>

      <ConflictNotice message={conflict} onDismiss={dismiss} />
      {leftover.length ? <p className="text-sm text-danger">{leftover.join(" ")}</p> : null}
      <div className="flex flex-wrap items-end gap-3">
        {existing ? (
          <label className="flex min-w-64 flex-1 flex-col gap-1 text-sm font-medium">
            What changed (optional)
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={300} placeholder="Added a customer impact section" className={inputClass} />
            {fieldErrors.note ? <span className="text-sm text-danger">{fieldErrors.note.join(" ")}</span> : null}
          </label>
        ) : null}
        <span className="ml-auto text-sm text-muted" aria-live="polite" data-testid="save-state">
          {pending ? "Saving…" : dirty ? "Unsaved changes" : existing ? `Saved · version ${from}` : ""}
        </span>
        <Button type="submit" disabled={pending || (existing !== undefined && !dirty)}>{existing ? "Save new version" : "Create template"}</Button>
      </div>
    </form>
  );
}
