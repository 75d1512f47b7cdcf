"use client";
import { useDeferredValue, useMemo, useState } from "react";
import { ConflictNotice } from "@/components/incidents/conflict-notice";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { RunbookPhases } from "@/components/runbooks/runbook-phases";
import { countSteps } from "@/components/runbooks/parsed-summary";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { editRunbookAction } from "@/lib/runbooks/actions";
import { parseSingleRunbook } from "@/lib/runbooks/single";

/**
 * Markdown on the left, the guided steps it becomes on the right, parsed as you type by the same
 * parser the server uses. Saving sends the version it started from: no silent overwrite.
 */
export function RunbookEditor({ slug, version, markdown }: { slug: string; version: number; markdown: string }) {
  const { run, pending, conflict, fieldErrors, dismiss } = useIncidentMutation();
  const [text, setText] = useState(markdown);
  const [note, setNote] = useState("");
  const [from, setFrom] = useState(version);
  const deferred = useDeferredValue(text);
  const preview = useMemo(() => parseSingleRunbook(deferred, slug), [deferred, slug]);
  const counts = countSteps(preview);
  const dirty = text !== markdown || from !== version;

  function save(e: React.FormEvent) {
    e.preventDefault();
    run(() => editRunbookAction({ slug, fromVersion: from, markdown: text, note }), (r) => { setFrom(r.version); setNote(""); });
  }

  return (
    <form onSubmit={save} className="flex flex-col gap-3" aria-label="Edit runbook">
      <div className="grid items-start gap-4 2xl:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor="runbook-markdown" className="text-sm font-medium">Markdown</label>
          <textarea id="runbook-markdown" value={text} onChange={(e) => setText(e.target.value)} rows={28} spellCheck={false}
            className={`${inputClass} h-auto py-2 font-mono text-xs leading-relaxed`} aria-invalid={fieldErrors.markdown ? true : undefined} />
          {fieldErrors.markdown ? <span className="text-sm text-danger">{fieldErrors.markdown.join(" ")}</span> : null}
        </div>
        <Card className="flex flex-col gap-3 p-4" aria-label="Preview" data-testid="editor-preview">
          <p className="text-sm text-muted">
            Preview: <strong className="text-fg">{preview.title}</strong> · {preview.phases.length} phase(s) · {counts.steps} steps · {counts.commands} commands
            {preview.mttrMinutes !== null ? ` · MTTR ${preview.mttrMinutes} min` : ""}
          </p>
          <RunbookPhases runbook={preview} />
        </Card>
      </div>
      <ConflictNotice message={conflict} onDismiss={dismiss} />
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex min-w-64 flex-1 flex-col gap-1 text-sm font-medium">
          What changed (optional)
          <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder="Added the JetStream purge step" className={inputClass} />
        </label>
        <span className="text-sm text-muted" aria-live="polite">{pending ? "Saving…" : dirty ? "Unsaved changes" : `Saved · version ${from}`}</span>
        <Button type="submit" disabled={pending || !dirty}>Save new version</Button>
      </div>
    </form>
  );
}
