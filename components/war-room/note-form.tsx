"use client";
import { useState } from "react";
import { addTimelineNoteAction } from "@/lib/incidents/actions";
import { useWarRoomAction } from "@/components/war-room/use-war-room-action";
import { Button } from "@/components/ui/button";

/** A quick timeline note (Markdown). Ctrl/⌘+Enter posts. */
export function NoteForm({ incidentId }: { incidentId: string }) {
  const { run, pending, problem } = useWarRoomAction();
  const [body, setBody] = useState("");
  const post = () => body.trim() && run(() => addTimelineNoteAction({ incidentId, body }), () => setBody(""));
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        post();
      }}
    >
      <label htmlFor="war-room-note" className="text-sm font-medium">Add a note</label>
      <textarea
        id="war-room-note"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) post();
        }}
        rows={2}
        placeholder="What did you see or do? (Markdown)"
        aria-invalid={problem ? true : undefined}
        className="min-h-16 w-full rounded-md border border-border bg-surface px-3 py-2 text-base text-fg placeholder:text-muted focus:border-accent focus:outline-none"
      />
      {problem ? <p className="text-sm text-danger">{problem}</p> : null}
      <Button type="submit" disabled={pending || !body.trim()} className="w-fit">
        Post
      </Button>
    </form>
  );
}
