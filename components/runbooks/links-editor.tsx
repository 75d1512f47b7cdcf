"use client";
import { useState } from "react";
import { Pencil } from "lucide-react";
import { ServicesInput } from "@/components/incidents/services-input";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { linkRunbookAction } from "@/lib/runbooks/actions";

type Links = { services: string[]; alerts: string[]; tags: string[] };
const LABELS: Record<keyof Links, string> = { services: "Services", alerts: "Alerts", tags: "Tags" };

/** Which services and alerts a runbook answers: incidents on them suggest it. */
export function LinksEditor({ slug, canEdit, ...links }: Links & { slug: string; canEdit: boolean }) {
  const { run, pending, fieldErrors } = useIncidentMutation();
  const [draft, setDraft] = useState<Record<keyof Links, string> | null>(null);
  const keys = Object.keys(LABELS) as (keyof Links)[];
  function save(e: React.FormEvent) {
    e.preventDefault();
    if (draft) run(() => linkRunbookAction({ slug, ...draft }), () => setDraft(null));
  }
  return (
    <Card className="p-4" data-testid="runbook-links">
      <div className="mb-2 flex items-center justify-between">
        <h2 className="text-sm font-bold tracking-wider text-muted uppercase">Linked to</h2>
        {canEdit && !draft ? (
          <Button size="sm" variant="ghost" className="h-7 px-2" onClick={() => setDraft({ services: links.services.join(", "), alerts: links.alerts.join(", "), tags: links.tags.join(", ") })}>
            <Pencil className="size-3.5" aria-hidden /> Edit
          </Button>
        ) : null}
      </div>
      {draft ? (
        <form onSubmit={save} className="flex flex-col gap-3">
          <Field label="Services" name="link-services" errors={fieldErrors.services}>
            <ServicesInput id="link-services" value={draft.services} onChange={(services) => setDraft({ ...draft, services })} invalid={Boolean(fieldErrors.services)} />
          </Field>
          {(["alerts", "tags"] as const).map((k) => (
            <Field key={k} label={LABELS[k]} name={`link-${k}`} errors={fieldErrors[k]}>
              <input id={`link-${k}`} value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} className={inputClass} />
            </Field>
          ))}
          <div className="flex gap-2">
            <Button size="sm" type="submit" disabled={pending}>{pending ? "Saving…" : "Save"}</Button>
            <Button size="sm" variant="ghost" onClick={() => setDraft(null)}>Cancel</Button>
          </div>
        </form>
      ) : (
        <dl className="flex flex-col gap-2 text-sm">
          {keys.map((k) => (
            <div key={k}>
              <dt className="text-xs text-muted">{LABELS[k]}</dt>
              <dd className="font-mono">{links[k].length ? links[k].join(", ") : <span className="font-sans text-muted">none</span>}</dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}
