import type { ReactNode } from "react";
import { StepBody } from "@/components/runbooks/step-body";
import { cn } from "@/lib/cn";
import type { ParsedPhase, ParsedRunbook, ParsedStep } from "@/lib/runbooks/parse/types";

export const timeBox = (p: ParsedPhase) =>
  p.fromMin !== null && p.toMin !== null ? `${p.fromMin}–${p.toMin} min` : p.toMin !== null ? `by ${p.toMin} min` : null;

export type StepSlot = { key: string; number: number | null; step: ParsedStep; phase: ParsedPhase };

/**
 * A runbook's phases and steps, numbered the way the timeline names them ("Step 3"). Shared by
 * the library's read-only view and the guided run, which puts its controls in the slots
 * (`below`: under the step's text, where a bound step's action button goes).
 */
export function RunbookPhases({ runbook, vars, controls, below, phaseAside, stepClass }: {
  runbook: Pick<ParsedRunbook, "phases">;
  vars?: Record<string, string>;
  controls?: (slot: StepSlot) => ReactNode;
  below?: (slot: StepSlot) => ReactNode;
  phaseAside?: (phase: ParsedPhase, index: number) => ReactNode;
  stepClass?: (slot: StepSlot) => string;
}) {
  let n = 0;
  return (
    <div className="flex flex-col gap-5">
      {runbook.phases.map((phase, p) => (
        <section key={p} aria-label={phase.title ?? "Steps"} className="flex flex-col gap-2" data-testid="phase">
          {phase.title || phaseAside ? (
            <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              {phase.context?.length ? <span className="w-full text-xs text-muted">{phase.context.join(" › ")}</span> : null}
              <h3 className="text-base font-semibold">{phase.title ?? "Steps"}</h3>
              {timeBox(phase) ? <span className="text-sm text-muted tabular-nums">{timeBox(phase)}</span> : null}
              {phaseAside?.(phase, p)}
            </header>
          ) : null}
          <ol className="flex flex-col gap-2">
            {phase.steps.map((step, s) => {
              const markable = step.kind === "action" || step.kind === "checklist";
              const slot: StepSlot = { key: `${p}.${s}`, number: markable ? ++n : null, step, phase };
              return (
                <li key={s} data-testid="step" data-step={slot.key} className={cn("flex gap-3 rounded-md border border-border bg-bg px-3 py-2", step.dangerous && "border-danger/50", stepClass?.(slot))}>
                  <span className="w-6 shrink-0 pt-0.5 text-right text-sm font-semibold text-muted tabular-nums">{slot.number ?? ""}</span>
                  <div className="flex min-w-0 flex-1 flex-col gap-2"><StepBody step={step} vars={vars} label={`step ${slot.number ?? slot.key}`} />{below?.(slot)}</div>
                  {controls ? controls(slot) : null}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </div>
  );
}
