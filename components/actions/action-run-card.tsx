"use client";
import { useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { ActionButton } from "@/components/actions/action-button";
import { ApprovalControls } from "@/components/actions/approval-controls";
import { DangerBadge, type Danger } from "@/components/actions/danger-badge";
import { RunResult } from "@/components/actions/run-result";
import { actionRunKeys } from "@/components/actions/use-action-runs";
import { useNow } from "@/components/timeline/use-now";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { executeActionRunAction } from "@/lib/actions/actions";
import { STATUS_LABEL, type ActionInfo } from "@/lib/actions/info-types";
import type { ActionRunView } from "@/lib/actions/run-view";

const TONE: Record<string, string> = {
  requested: "border-accent/60 text-accent", awaiting_approval: "border-warning bg-warning/15 text-warning", running: "border-accent bg-accent/15 text-accent",
  succeeded: "border-ok/60 bg-ok/10 text-ok", failed: "border-danger bg-danger/15 text-danger", timed_out: "border-danger bg-danger/15 text-danger",
  denied: "border-border text-muted", interrupted: "border-danger text-danger",
};
const time = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });

function Elapsed({ from }: { from: string }) {
  const now = useNow(1000);
  return now === null ? null : <span className="tabular-nums">{Math.max(0, Math.round((now - new Date(from).getTime()) / 1000))} s</span>;
}

function RunNow({ run }: { run: ActionRunView }) {
  const client = useQueryClient();
  const [pending, start] = useTransition();
  const go = () => start(async () => {
    const r = await executeActionRunAction({ runId: run.id });
    if (r.ok) toast.success(r.message ?? "Running…"); else toast.error(r.error);
    await client.invalidateQueries({ queryKey: actionRunKeys.all });
  });
  return <Button size="sm" disabled={pending} onClick={go} data-testid="run-now">Run now</Button>;
}

/** An approved run waits for someone to press Run now, until its approval expires. */
function Approved({ run, canAct }: { run: ActionRunView; canAct: boolean }) {
  const now = useNow(5000);
  const expired = run.expiresAt !== null && now !== null && new Date(run.expiresAt).getTime() <= now;
  if (expired) {
    const what = run.approvedByLabel ? `The approval by ${run.approvedByLabel}` : "This request was never started and";
    return <p className="text-sm font-medium text-warning" data-testid="approval-expired">{what} expired at {time(run.expiresAt!)}; request the action again.</p>;
  }
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {run.approvedByLabel ? <span>Approved by <b>{run.approvedByLabel}</b>{run.expiresAt ? ` · valid until ${time(run.expiresAt)}` : ""}</span> : <span className="text-muted">Not started yet{run.expiresAt ? ` (expires at ${time(run.expiresAt)})` : ""}.</span>}
      {canAct ? <RunNow run={run} /> : null}
    </div>
  );
}

/** One run, live: who asked, its status, and what the person looking can do about it. */
export function ActionRunCard({ run, infos, canAct }: { run: ActionRunView; infos: ActionInfo[]; canAct: boolean }) {
  const params = Object.entries(run.params);
  const rollback = run.verifyStatus === "failed" && run.rollback ? infos.find((i) => i.service === run.service && i.name === run.rollback!.action) : undefined;
  return (
    <li className="flex flex-col gap-2 rounded-md border border-border p-3" data-testid="action-run" data-status={run.status} data-action={`${run.service}/${run.action}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className={cn("rounded border px-2 py-0.5 text-xs font-bold tracking-wide uppercase", TONE[run.status])} data-testid="run-status">{STATUS_LABEL[run.status] ?? run.status}</span>
        <span className="font-semibold">{run.title}</span>
        <DangerBadge danger={run.danger as Danger} />
        <span className="text-sm text-muted">on {run.serviceName}</span>
        {params.length ? <code className="font-mono text-xs text-muted">{params.map(([k, v]) => `${k}=${v}`).join(" ")}</code> : null}
        <span className="ml-auto text-xs text-muted tabular-nums">
          {run.requestedByLabel} · {time(run.createdAt)}
          {run.durationMs !== null ? ` · took ${(run.durationMs / 1000).toFixed(1)} s` : ""}
          {run.status === "running" && run.startedAt ? <> · running <Elapsed from={run.startedAt} /></> : null}
        </span>
      </div>
      {run.rollbackOfId ? <p className="text-xs text-muted">Rollback of an earlier run whose verification failed.</p> : null}
      {run.status === "awaiting_approval" && canAct ? <ApprovalControls run={run} /> : null}
      {run.status === "requested" ? <Approved run={run} canAct={canAct} /> : null}
      {run.status === "denied" ? <p className="text-sm text-muted">Denied by {run.deniedByLabel}{run.denyReason ? `: ${run.denyReason}` : ""}</p> : null}
      <RunResult run={run} />
      {rollback && canAct ? (
        <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="rollback-offer">
          <span className="font-medium text-danger">It did not verify. Roll back?</span>
          <ActionButton info={rollback} context={{ incidentId: run.incidentId }} rollbackOfId={run.id} label={rollback.title} />
        </div>
      ) : null}
    </li>
  );
}
