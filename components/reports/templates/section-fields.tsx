"use client";
import { ArrowDown, ArrowUp, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { SECTION_TYPE_NAMES, SECTION_TYPES, type SectionType } from "@/lib/reports/sections";

export type SectionDraft = { id: string; key: string; title: string; type: SectionType; guidance: string; keyEdited: boolean };

type Props = {
  section: SectionDraft;
  index: number;
  count: number;
  idPrefix: string;
  errors?: Record<string, string[]>;
  onChange(patch: Partial<SectionDraft>): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
};

/** "Root cause" → "root-cause": what a new section's key follows until the admin types one. */
export const keyFromTitle = (title: string) =>
  title.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").replace(/^[^a-z]+/, "").slice(0, 40).replace(/-+$/, "");

/** One section of a report template: title, key, type (with what it prefills) and the writer's guidance. */
export function SectionFields({ section: s, index, count, idPrefix, errors = {}, onChange, onMove, onRemove }: Props) {
  const id = (field: string) => `${idPrefix}-${s.id}-${field}`;
  const label = s.title.trim() || `section ${index + 1}`;
  const invalid = (field: string) => (errors[field] ? true : undefined);
  return (
    <Card className="flex flex-col gap-3 p-4" data-testid="template-section" data-key={s.key}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-semibold tabular-nums text-muted">{index + 1}.</span>
        <span className="min-w-0 flex-1 truncate font-medium">{s.title || <span className="text-muted">Untitled section</span>}</span>
        <Button size="sm" variant="ghost" aria-label={`Move ${label} up`} disabled={index === 0} onClick={() => onMove(-1)}><ArrowUp className="size-4" aria-hidden /></Button>
        <Button size="sm" variant="ghost" aria-label={`Move ${label} down`} disabled={index === count - 1} onClick={() => onMove(1)}><ArrowDown className="size-4" aria-hidden /></Button>
        <Button size="sm" variant="ghost" aria-label={`Remove ${label}`} disabled={count === 1} onClick={onRemove}><Trash2 className="size-4" aria-hidden /></Button>
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <Field label="Title" name={id("title")} errors={errors.title}>
          <input id={id("title")} value={s.title} maxLength={120} className={inputClass} aria-invalid={invalid("title")}
            onChange={(e) => onChange({ title: e.target.value, ...(s.keyEdited ? {} : { key: keyFromTitle(e.target.value) }) })} />
        </Field>
        <Field label="Key" name={id("key")} errors={errors.key} hint="Names the section in exports and links: lower-case letters, digits and dashes.">
          <input id={id("key")} value={s.key} maxLength={40} spellCheck={false} className={`${inputClass} font-mono`} aria-invalid={invalid("key")}
            onChange={(e) => onChange({ key: e.target.value, keyEdited: true })} />
        </Field>
      </div>
      <Field label="Type" name={id("type")} errors={errors.type} hint={SECTION_TYPES[s.type]?.description}>
        <select id={id("type")} value={s.type} className={inputClass} aria-invalid={invalid("type")} onChange={(e) => onChange({ type: e.target.value as SectionType })}>
          {SECTION_TYPE_NAMES.map((t) => <option key={t} value={t}>{SECTION_TYPES[t].label}</option>)}
        </select>
      </Field>
      <Field label="Guidance" name={id("guidance")} errors={errors.guidance} hint="Shown to whoever writes this section of a report.">
        <textarea id={id("guidance")} value={s.guidance} rows={3} maxLength={2000} className={`${inputClass} h-auto py-2`} aria-invalid={invalid("guidance")}
          onChange={(e) => onChange({ guidance: e.target.value })} />
      </Field>
    </Card>
  );
}
