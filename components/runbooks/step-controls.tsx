"use client";
import { useState } from "react";
import { Check, MessageSquarePlus, SkipForward, X } from "lucide-react";
import { ConflictNotice } from "@/components/incidents/conflict-notice";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { Time } from "@/components/timeline/time";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/lib/cn";
import { markRunbookStepAction } from "@/lib/runbooks/actions";
import type { StepState } from "@/lib/runbooks/run-queries";
import type { StepStatus } from "@/lib/runbooks/schemas";

const CHOICES: { status: StepStatus; label: string; icon: typeof Check; on: string }[] = [
  { status: "done", label: "Done", icon: Check, on: "border-ok bg-ok/15 text-ok" },
  { status: "skipped", label: "Skip", icon: SkipForward, on: "border-muted bg-surface-2 text-fg" },
  { status: "failed", label: "Failed", icon: X, on: "border-danger bg-danger/15 text-danger" },
];

/** Done / skip / failed for one step, with an optional note; pressing the current status clears it. */
export function StepControls({ runId, step, number, state, canEdit }: { runId: string; step: string; number: number; state?: StepState; canEdit: boolean }) {
  const { run, pending, conflict, dismiss } = useIncidentMutation();
  const [note, setNote] = useState<string | null>(null);
  const mark = (status: StepStatus | "") =>
    run(() => markRunbookStepAction({ runId, step, from: state?.status ?? "", status, note: note ?? "" }), () => setNote(null));
  return (
    <div className="flex w-44 shrink-0 flex-col items-end gap-1.5" data-testid="step-controls">
      {canEdit ? (
        <div className="flex gap-1" role="group" aria-label={`Step ${number}`}>
          {CHOICES.map(({ status, label, icon: Icon, on }) => (
            <button key={status} type="button" disabled={pending} aria-pressed={state?.status === status}
              onClick={() => mark(state?.status === status ? "" : status)}
              className={cn("inline-flex h-8 items-center gap-1 rounded border border-border px-2 text-xs font-medium hover:bg-surface-2 disabled:opacity-50", state?.status === status && on)}
              title={state?.status === status ? `Clear "${label}"` : `Mark step ${number} ${status}`}>
              <Icon className="size-3.5" aria-hidden />{label}
            </button>
          ))}
          <button type="button" onClick={() => setNote(note === null ? "" : null)} aria-label={`Add a note to step ${number}`} title="Add a note"
            className="inline-flex size-8 items-center justify-center rounded border border-border text-muted hover:bg-surface-2"><MessageSquarePlus className="size-3.5" aria-hidden /></button>
        </div>
      ) : null}
      {note !== null ? (
        <input autoFocus value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} placeholder="Note, sent with the mark"
          className={cn(inputClass, "h-8 text-xs")} aria-label={`Note for step ${number}`} />
      ) : null}
      {state ? (
        <p className="text-right text-xs text-muted" data-testid="step-state">
          <span className="font-medium text-fg">{state.status}</span> by {state.actorLabel} <Time at={state.at} />
          {state.note ? <span className="block">{state.note}</span> : null}
        </p>
      ) : null}
      <ConflictNotice message={conflict} onDismiss={dismiss} />
    </div>
  );
}
