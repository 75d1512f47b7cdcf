import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/audit/mutations";
import { NotFoundError } from "@/lib/errors";
import { checkedParams, findAction } from "./catalog-action";
import { executorFor, type ExecutionContext, type Preview } from "./executor";
import { recordRunEvent } from "./run-record";
import { targetHashOf } from "./target";
import { describeVerify } from "./verify-rules";

// What the preflight dialog shows, and the dry run: the exact request or argv the action would
// make now, secrets masked, and the hash an approval of it would cover. Nothing is executed.

export type ActionPreview = {
  service: string;
  serviceName: string;
  action: string;
  title: string;
  description: string;
  danger: "safe" | "caution" | "destructive";
  approval: boolean;
  timeoutMs: number;
  params: Record<string, string | number>;
  preview: Preview;
  targetHash: string;
  verify: string | null;
  rollback: string | null;
};

export async function previewAction(service: string, name: string, params: Record<string, unknown>, ctx: ExecutionContext): Promise<ActionPreview> {
  const { svc, action } = await findAction(service, name);
  const values = checkedParams(action, params);
  return {
    service, serviceName: svc.name, action: action.name, title: action.title, description: action.description,
    danger: action.danger, approval: action.approval, timeoutMs: action.timeout, params: values,
    preview: executorFor(action).preview(action, values, ctx),
    targetHash: targetHashOf(service, action, values),
    verify: action.verify ? describeVerify(action.verify) : null,
    rollback: action.rollback ? svc.actions.find((a) => a.name === action.rollback)?.title ?? action.rollback : null,
  };
}

export type DryRunInput = { service: string; action: string; params: Record<string, unknown>; incidentId?: string | null; runbookRunId?: string | null; step?: string | null };

/** A preview that is recorded: on the incident's timeline (if any) and in the audit chain. */
export async function dryRunAction(actor: Actor, input: DryRunInput, ctx: ExecutionContext): Promise<ActionPreview> {
  const shown = await previewAction(input.service, input.action, input.params, ctx);
  await db.$transaction(async (tx) => {
    if (input.incidentId && !(await tx.incident.findUnique({ where: { id: input.incidentId }, select: { id: true } }))) {
      throw new NotFoundError("That incident does not exist.");
    }
    const ref = { id: null, service: input.service, action: shown.action, incidentId: input.incidentId ?? null, runbookRunId: input.runbookRunId ?? null, step: input.step ?? null };
    await recordRunEvent(tx, actor, ref, "action.dry_run", {
      title: shown.title, params: shown.params, danger: shown.danger, targetHash: shown.targetHash,
      summary: shown.preview.summary, missingSecrets: shown.preview.missingSecrets, error: shown.preview.error ?? null,
    });
  });
  return shown;
}
