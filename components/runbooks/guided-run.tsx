"use client";
import Link from "next/link";
import { ActionRunsPanel } from "@/components/actions/action-runs-panel";
import { StepAction } from "@/components/actions/step-action";
import { Timer } from "lucide-react";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { RunProgress } from "@/components/runbooks/run-progress";
import { RunVarsForm } from "@/components/runbooks/run-vars-form";
import { RunbookPhases, type StepSlot } from "@/components/runbooks/runbook-phases";
import { StepControls } from "@/components/runbooks/step-controls";
import { useNow } from "@/components/timeline/use-now";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import type { ActionInfo } from "@/lib/actions/info-types";
import { finishRunbookRunAction } from "@/lib/runbooks/actions";
import type { ParsedPhase } from "@/lib/runbooks/parse/types";
import type { RunView } from "@/lib/runbooks/run-queries";
import { timeBoxState } from "@/lib/runbooks/time-box";

const BOX_TONE = { upcoming: "text-muted", now: "text-accent font-semibold", over: "text-danger font-semibold" } as const;
const STEP_TONE = { done: "border-ok/60 bg-ok/5", skipped: "opacity-70", failed: "border-danger bg-danger/5" } as const;

function PhaseClock({ phase, startedAt }: { phase: ParsedPhase; startedAt: string }) {
  const now = useNow(1000);
  if (now === null) return null;
  const box = timeBoxState(phase, now - new Date(startedAt).getTime());
  return box ? (
    <span className={cn("inline-flex items-center gap-1 text-sm tabular-nums", BOX_TONE[box.state])} data-testid="time-box" data-state={box.state}>
      <Timer className="size-3.5" aria-hidden />{box.text}
    </span>
  ) : null;
}

/** A run, step by step, for everyone on the incident at once (the page refreshes on each change). */
export function GuidedRun({ run, incident, canEdit, actions }: { run: RunView; incident: { id: string; number: number; title: string; startedAt: string }; canEdit: boolean; actions: ActionInfo[] }) {
  const { run: call, pending } = useIncidentMutation();
  const active = run.status === "active";
  const editable = canEdit && active;
  const finish = (status: "completed" | "abandoned") => call(() => finishRunbookRunAction({ runId: run.id, status }));
  return (
    <div className="flex flex-col gap-4" data-testid="guided-run">
      <Card className="flex flex-col gap-3 p-4">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold"><Link href={`/runbooks/${run.runbook.slug}`} className="hover:underline">{run.runbook.title}</Link></h1>
          <span className="text-sm text-muted">v{run.runbook.version}{run.drill ? " · drill" : ""} · on <Link className="hover:underline" href={`/incidents/${incident.number}`}>INC-{incident.number} {incident.title}</Link></span>
          {editable ? (
            <span className="ml-auto flex gap-2">
              <Button size="sm" variant="secondary" disabled={pending} onClick={() => finish("abandoned")}>Abandon</Button>
              <Button size="sm" disabled={pending} onClick={() => finish("completed")}>Complete run</Button>
            </span>
          ) : <span className="ml-auto rounded border border-border px-2 py-0.5 text-sm" data-testid="run-status">{run.status}</span>}
        </div>
        <RunProgress run={run} />
        {run.parsed.placeholders.length ? (
          <RunVarsForm key={JSON.stringify(run.vars)} runId={run.id} names={run.parsed.placeholders} values={run.vars} canEdit={editable} />
        ) : null}
      </Card>
      <RunbookPhases
        runbook={run.parsed}
        vars={run.vars}
        phaseAside={(phase) => <PhaseClock phase={phase} startedAt={incident.startedAt} />}
        stepClass={(slot: StepSlot) => { const s = run.steps[slot.key]?.status; return s ? STEP_TONE[s] : ""; }}
        controls={(slot) => slot.number !== null ? (
          <StepControls runId={run.id} step={slot.key} number={slot.number} state={run.steps[slot.key]} canEdit={editable} />
        ) : null}
        below={(slot) => slot.step.binding ? (
          <StepAction binding={slot.step.binding} infos={actions} incidentId={incident.id} runbookRunId={run.id} step={slot.key} canAct={editable} />
        ) : null}
      />
      <Card className="flex flex-col gap-3 p-4">
        <h2 className="text-sm font-bold tracking-wider text-muted uppercase">Recovery actions from this run</h2>
        <ActionRunsPanel scope={{ incidentId: incident.id }} filter={{ runbookRunId: run.id }} infos={actions} canAct={canEdit} context={{ incidentId: incident.id, runbookRunId: run.id }} showButtons={false} />
      </Card>
    </div>
  );
}
