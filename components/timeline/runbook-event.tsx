import type { ReactNode } from "react";
import { runbookEventText } from "@/lib/runbooks/event-text";

const TONE: Record<string, string> = { done: "text-ok", failed: "text-danger", completed: "text-ok", started: "text-accent" };

/** A runbook event's line, with a link to the runbook. */
export function runbookEventContent(d: Record<string, unknown>, actor: string): { content: ReactNode; tone: string } {
  return {
    tone: TONE[String(d.event === "step" ? d.status : d.event)] ?? "text-muted",
    content: (
      <>
        {runbookEventText(d, actor)}{" "}
        <a href={`/runbooks/${String(d.runbook)}`} className="text-xs text-muted underline-offset-2 hover:underline">open runbook</a>
      </>
    ),
  };
}
