"use client";
import { ActionButton } from "@/components/actions/action-button";
import { useActionRuns } from "@/components/actions/use-action-runs";
import { cn } from "@/lib/cn";
import { STATUS_LABEL, type ActionInfo } from "@/lib/actions/info-types";
import type { ParsedBinding } from "@/lib/runbooks/parse/types";

const TONE: Record<string, string> = { succeeded: "text-ok", failed: "text-danger", timed_out: "text-danger", interrupted: "text-danger", awaiting_approval: "text-warning" };

/** A bound runbook step's button, and how this step's latest run of it went. */
export function StepAction({ binding, infos, incidentId, runbookRunId, step, canAct }: {
  binding: ParsedBinding; infos: ActionInfo[]; incidentId: string; runbookRunId: string; step: string; canAct: boolean;
}) {
  const { data } = useActionRuns({ incidentId });
  const info = infos.find((i) => i.service === binding.service && i.name === binding.action);
  const last = data?.find((r) => r.runbookRunId === runbookRunId && r.step === step);
  if (!info) return <span className="text-xs text-danger">{binding.service}/{binding.action} is not in the catalog in force</span>;
  const verdict = last?.verifyStatus === "passed" ? " · verified" : last?.verifyStatus === "failed" ? " · did not verify" : last?.verifyStatus === "pending" ? " · verifying…" : "";
  return (
    <span className="flex flex-wrap items-center gap-2" data-testid="step-action">
      {canAct ? <ActionButton info={info} context={{ incidentId, runbookRunId, step }} bound={binding.params} /> : null}
      {last ? (
        <span className={cn("text-xs font-semibold", TONE[last.status] ?? "text-accent", last.verifyStatus === "failed" && "text-danger")} data-testid="step-action-status" data-status={last.status}>
          {STATUS_LABEL[last.status]}{verdict}
        </span>
      ) : null}
    </span>
  );
}
