"use client";
import { ActionButton } from "@/components/actions/action-button";
import { ActionRunCard } from "@/components/actions/action-run-card";
import { useActionRuns, type RunScope } from "@/components/actions/use-action-runs";
import type { ActionContext, ActionInfo } from "@/lib/actions/info-types";

/**
 * Recovery actions in one place: a button per declared action (responders), then the runs,
 * newest first and live: waiting approvals, running ones, results. `filter` narrows the runs
 * shown (one runbook run's steps, say).
 */
export function ActionRunsPanel({ scope, infos, canAct, context, showButtons = true, filter }: {
  scope: RunScope; infos: ActionInfo[]; canAct: boolean; context: ActionContext; showButtons?: boolean;
  filter?: { runbookRunId?: string };
}) {
  const { data, error, isPending } = useActionRuns(scope);
  const runs = (data ?? []).filter((r) => !filter?.runbookRunId || r.runbookRunId === filter.runbookRunId);
  const waiting = runs.filter((r) => r.status === "awaiting_approval").length;
  return (
    <div className="flex flex-col gap-3" data-testid="action-runs-panel">
      {showButtons && canAct && infos.length ? (
        <div className="flex flex-wrap gap-2" data-testid="action-buttons">
          {infos.map((i) => <ActionButton key={`${i.service}/${i.name}`} info={i} context={context} label={infos.some((o) => o.service !== i.service) ? `${i.title} (${i.serviceName})` : i.title} />)}
        </div>
      ) : null}
      {showButtons && !canAct && infos.length ? <p className="text-sm text-muted">Responders can run {infos.length} recovery action(s) here; you are a viewer.</p> : null}
      {waiting ? <p className="text-sm font-semibold text-warning" data-testid="approvals-waiting">{waiting} request(s) waiting for approval</p> : null}
      {error ? <p className="text-sm text-danger" role="status">Could not load the action runs: {error.message}</p> : null}
      {isPending ? <p className="text-sm text-muted">Loading runs…</p> : runs.length ? (
        <ul className="flex flex-col gap-2" data-testid="action-runs">
          {runs.map((r) => <ActionRunCard key={r.id} run={r} infos={infos} canAct={canAct} />)}
        </ul>
      ) : <p className="text-sm text-muted">No recovery action has run here yet.</p>}
    </div>
  );
}
