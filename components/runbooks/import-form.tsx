"use client";
import { useDeferredValue, useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ServicesInput } from "@/components/incidents/services-input";
import { ParsedSummary } from "@/components/runbooks/parsed-summary";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { importRunbooksAction } from "@/lib/runbooks/actions";
import { parseRunbookDocument } from "@/lib/runbooks/parse";

const MAX_BYTES = 1_000_000;

/** Paste or upload; the preview beside it is the same parser the server runs. */
export function ImportForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [name, setName] = useState("");
  const [text, setText] = useState("");
  const [services, setServices] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const deferred = useDeferredValue(text);
  const preview = useMemo(() => (deferred.trim() ? parseRunbookDocument(deferred, name || "pasted.md") : null), [deferred, name]);

  async function onFile(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_BYTES) return setErrors({ text: [`${file.name} is over 1 MB; split it into several files.`] });
    const body = await file.text();
    if (body.includes("\u0000")) return setErrors({ text: [`${file.name} is not a text file. Upload Markdown (.md).`] });
    setErrors({});
    setText(body);
    if (!name) setName(file.name);
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    start(async () => {
      const r = await importRunbooksAction({ name, text, services });
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        if (!r.fieldErrors) toast.error(r.error);
        return;
      }
      toast.success(r.message ?? "Imported.");
      router.push(r.data.first ? `/runbooks/${r.data.first}` : "/runbooks");
    });
  }

  return (
    <form onSubmit={submit} noValidate className="grid items-start gap-5 xl:grid-cols-2" aria-label="Import a runbook">
      <Card className="flex flex-col gap-4 p-4">
        <Field label="Markdown file" name="file" hint="Or paste the text below.">
          <input id="file" type="file" accept=".md,.markdown,.txt,text/markdown,text/plain" onChange={(e) => void onFile(e.target.files?.[0])} className="text-sm" />
        </Field>
        <Field label="Document name" name="name" errors={errors.name} hint="Importing again under the same name updates these runbooks instead of adding copies.">
          <input id="name" value={name} onChange={(e) => setName(e.target.value)} placeholder="beacon-runner-runbook.md" className={inputClass} aria-invalid={errors.name ? true : undefined} />
        </Field>
        <Field label="Services (optional)" name="services" errors={errors.services} hint="Link every runbook in this document to these services; incidents on them will suggest it.">
          <ServicesInput id="services" value={services} onChange={setServices} invalid={Boolean(errors.services)} />
        </Field>
        <Field label="Markdown" name="text" errors={errors.text}>
          <textarea
            id="text" value={text} onChange={(e) => setText(e.target.value)} rows={18} spellCheck={false}
            placeholder={"# Runner Down\n**Alert**: `RunnerDown`\n\n### Immediate Actions (0-2 minutes)\n1. Check the runner: `flyctl status --app beacon-runner`"}
            className={`${inputClass} h-auto py-2 font-mono text-xs`} aria-invalid={errors.text ? true : undefined}
          />
        </Field>
        <div className="flex justify-end">
          <Button type="submit" disabled={pending || !text.trim()}>{pending ? "Importing…" : "Import"}</Button>
        </div>
      </Card>
      <Card className="p-4" aria-live="polite">
        <h2 className="mb-3 text-sm font-bold tracking-wider text-muted uppercase">What will be imported</h2>
        {preview ? <ParsedSummary doc={preview} /> : <p className="text-sm text-muted">Paste or upload a runbook to see how it splits.</p>}
      </Card>
    </form>
  );
}
