"use client";
import { useState } from "react";
import { addTimelineNoteAction } from "@/lib/incidents/actions";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { useHydrated } from "@/components/timeline/use-now";
import { MarkdownField } from "@/components/timeline/markdown-field";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/lib/cn";

/** A Markdown note, optionally backfilled to when it happened. Ctrl/Cmd+Enter adds it. */
export function NoteComposer({ incidentId }: { incidentId: string }) {
  const { run, pending, fieldErrors } = useIncidentMutation();
  const hydrated = useHydrated();
  const [body, setBody] = useState("");
  const [occurredAt, setOccurredAt] = useState("");

  function submit(e?: React.FormEvent) {
    e?.preventDefault();
    if (pending) return;
    run(() => addTimelineNoteAction({ incidentId, body, occurredAt }), () => {
      setBody("");
      setOccurredAt("");
    });
  }

  return (
    <form onSubmit={submit} aria-label="Add a note" className="flex flex-col gap-2 border-b border-border p-4" data-testid="note-composer" data-hydrated={hydrated}>
      <label htmlFor="note-body" className="text-sm font-medium">Add a note</label>
      <MarkdownField
        id="note-body"
        value={body}
        onValueChange={setBody}
        rows={3}
        placeholder="What happened, what you tried, what you saw. Markdown works."
        aria-invalid={fieldErrors.body ? true : undefined}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) submit();
        }}
      />
      {fieldErrors.body ? <p className="text-sm text-danger">{fieldErrors.body.join(" ")}</p> : null}
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="note-occurred-at" className="text-xs font-medium text-muted">Happened at, UTC (optional, to backfill)</label>
          <input
            id="note-occurred-at"
            type="datetime-local"
            value={occurredAt}
            onChange={(e) => setOccurredAt(e.target.value)}
            aria-invalid={fieldErrors.occurredAt ? true : undefined}
            className={cn(inputClass, "h-9 w-56")}
          />
          {fieldErrors.occurredAt ? <p className="text-sm text-danger">{fieldErrors.occurredAt.join(" ")}</p> : null}
        </div>
        <Button type="submit" disabled={pending} className="ml-auto">
          {pending ? "Adding…" : "Add note"}
        </Button>
        <span className="text-xs text-muted">Ctrl/⌘ + Enter</span>
      </div>
    </form>
  );
}
