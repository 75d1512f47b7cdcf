import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/audit/mutations";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { checkedParams, findAction, targetHashFor } from "./catalog-action";
import type { ExecutionContext } from "./executor";
import { getInstanceId } from "./instance";
import { runAndFinish } from "./run-finish";
import { ACTION_RUN_SELECT, findActionRun, getActionRun, listActionRuns } from "./run-queries";
import { recordRunEvent, RUN_REF_SELECT, type RunRef } from "./run-record";
import { targetHashOf } from "./target";
import { notifyApprovalNeeded } from "./approval-notice";

// The lifecycle of one recovery action: requested (or awaiting_approval → approved) → running →
// succeeded | failed | timed_out, or denied (also: expired unstarted) | interrupted. The request's audit entry commits with
// the row, so nothing ever runs unaudited; the claim to run is one conditional UPDATE, so it
// runs once; an approved run runs only while its approval covers the action as declared now.

export { getActionRun, listActionRuns };
export { markInterruptedRuns, markInterruptedRunsAtStartup } from "./run-recovery";
export { approveActionRun, denyActionRun } from "./approvals";

export type RequestInput = {
  service: string;
  action: string;
  params: Record<string, unknown>;
  idempotencyKey: string;
  incidentId?: string | null;
  runbookRunId?: string | null;
  step?: string | null;
  /** the run whose failed verification this rollback answers */
  rollbackOfId?: string | null;
  /** a destructive action runs only with the service's slug typed here */
  confirm?: string;
};

function checkConfirmed(service: string, danger: string, confirm: string | undefined) {
  if (danger !== "destructive" || confirm?.trim() === service) return;
  const message = `This action is destructive: type ${service} to confirm.`;
  throw new ValidationError(message, { confirm: [message] });
}

async function checkContext(tx: Tx, input: RequestInput) {
  if (input.incidentId && !(await tx.incident.findUnique({ where: { id: input.incidentId }, select: { id: true } }))) {
    throw new NotFoundError("That incident does not exist.");
  }
  if (input.runbookRunId) {
    const rb = await tx.runbookRun.findUnique({ where: { id: input.runbookRunId }, select: { incidentId: true } });
    if (!rb || rb.incidentId !== (input.incidentId ?? null)) throw new NotFoundError("That runbook run does not exist on this incident.");
  }
  if (input.rollbackOfId) {
    const of = await tx.actionRun.findUnique({ where: { id: input.rollbackOfId }, select: { service: true } });
    if (!of || of.service !== input.service) throw new NotFoundError("The run to roll back does not exist for this service.");
  }
}

/** A request starts within a second of being made; one not started by then was lost half-way. */
export const UNSTARTED_TTL_MS = 5 * 60_000;

/** How long past its timeout a run may still be finishing (the kill grace, verification, the final write). */
const DEADLINE_GRACE_MS = 60_000;

/** Records a request. A repeated idempotency key returns the first run and writes nothing. */
export async function requestActionRun(actor: Actor, input: RequestInput) {
  const { action } = await findAction(input.service, input.action);
  const params = checkedParams(action, input.params);
  checkConfirmed(input.service, action.danger, input.confirm);
  const targetHash = targetHashOf(input.service, action, params);
  const status = action.approval ? "awaiting_approval" : "requested";
  // Like an approval, a request runs soon or never: one whose start was lost expires (run-sweeps.ts)
  const expiresAt = action.approval ? null : new Date(Date.now() + UNSTARTED_TTL_MS);
  const created = await db.$transaction(async (tx) => {
    await checkContext(tx, input);
    const data = {
      service: input.service, action: action.name, params, danger: action.danger, targetHash, status, expiresAt,
      idempotencyKey: input.idempotencyKey, incidentId: input.incidentId ?? null,
      runbookRunId: input.runbookRunId ?? null, step: input.step ?? null, rollbackOfId: input.rollbackOfId ?? null,
      requestedById: actor.id, requestedByLabel: actor.label,
    };
    // ON CONFLICT DO NOTHING: a concurrent twin waits on the key's index entry, then inserts nothing.
    const [run] = await tx.actionRun.createManyAndReturn({ data: [data], skipDuplicates: true, select: RUN_REF_SELECT });
    if (!run) return false;
    await recordRunEvent(tx, actor, run, "action.request", {
      title: action.title, params, danger: action.danger, approval: action.approval, targetHash, status,
      ...(input.rollbackOfId ? { rollbackOf: input.rollbackOfId } : {}),
    });
    if (status === "awaiting_approval") await notifyApprovalNeeded(tx, actor, run, action.title, action.danger);
    return true;
  });
  const run = await db.actionRun.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey }, select: ACTION_RUN_SELECT });
  if (!created && run.targetHash !== targetHash) {
    throw new ConflictError("This request was already made with other parameters; reload and try again.");
  }
  return { run, duplicate: !created };
}

async function claim(actor: Actor, runId: string, timeoutMs: number) {
  return db.$transaction(async (tx) => {
    const deadline = new Date(Date.now() + timeoutMs + DEADLINE_GRACE_MS);
    const rows = await tx.$queryRaw<RunRef[]>`
      UPDATE "ActionRun" SET "status" = 'running', "startedAt" = now(), "instanceId" = ${getInstanceId()}, "deadlineAt" = ${deadline}
      WHERE "id" = ${runId} AND "status" = 'requested' AND ("expiresAt" IS NULL OR "expiresAt" > now())
      RETURNING "id", "service", "action", "incidentId", "runbookRunId", "step"`;
    if (rows.length) {
      await recordRunEvent(tx, actor, rows[0], "action.start", { instanceId: getInstanceId() });
      return rows[0];
    }
    const run = await tx.actionRun.findUnique({ where: { id: runId }, select: { status: true, approvedAt: true } });
    if (!run) throw new NotFoundError("That action run does not exist.");
    if (run.status === "requested" && run.approvedAt) throw new ConflictError("Its approval has expired; request the action again.");
    if (run.status === "requested") throw new ConflictError("This request was never started and has expired; request the action again.");
    if (run.status === "awaiting_approval") throw new ConflictError("This action is waiting for a second person's approval.");
    throw new ConflictError(run.status === "running" ? "This action is already running." : `This action has already finished (${run.status.replace("_", " ")}).`);
  });
}

/**
 * Claims a requested (or approved) action to run, once: a second caller, or a run already
 * finished or expired, gets a ConflictError here. `finish` then runs it to its terminal state
 * (health snapshot, executor, snapshot, outcome) and its verification; it never throws.
 */
export async function startActionRun(actor: Actor, runId: string, ctx: ExecutionContext) {
  const row = await db.actionRun.findUnique({ where: { id: runId }, select: { service: true, action: true, params: true, targetHash: true, approvedHash: true } });
  if (!row) throw new NotFoundError("That action run does not exist.");
  const params = row.params as Record<string, unknown>;
  // The timeout sets the run's deadline; an action gone from the catalog fails in runAndFinish.
  const resolved = await findAction(row.service, row.action).catch(() => null);
  if (row.approvedHash && (row.approvedHash !== row.targetHash || targetHashFor(resolved, params) !== row.approvedHash)) {
    throw new ConflictError("The action changed in the catalog since it was approved, so the approval no longer covers it. Request it again.");
  }
  const run = await claim(actor, runId, resolved?.action.timeout ?? 30_000);
  return {
    run,
    finish: () => runAndFinish(actor, run, resolved, params, ctx).catch((error: unknown) => console.error(`[actions] run ${runId}: recording its end failed`, error)),
  };
}

type RunRow = { id: string; status: string; startedAt: Date | null; approvedAt: Date | null };

/**
 * A repeated submission (same idempotency key) of a request that was recorded but never started
 * (the first answer failed after the row was written) starts it now; any other state is said as is.
 */
export async function startDuplicate(actor: Actor, run: RunRow, ctx: ExecutionContext): Promise<{ message: string; finish?: () => Promise<void> }> {
  if (run.status !== "requested" || run.startedAt || run.approvedAt) {
    return { message: `Already submitted: this is the same run (${run.status.replace("_", " ")}).` };
  }
  try {
    const { finish } = await startActionRun(actor, run.id, ctx);
    return { message: "Already submitted, but it had not started: started it now.", finish };
  } catch (error) {
    // A twin started it first, or it expired: say so rather than start anything else
    if (error instanceof ConflictError) return { message: `Already submitted: ${error.message}` };
    throw error;
  }
}

/** Claims and runs to the end (verification included); resolves with the final row. */
export async function executeActionRun(actor: Actor, runId: string, ctx: ExecutionContext) {
  const { finish } = await startActionRun(actor, runId, ctx);
  await finish();
  return (await findActionRun(runId))!;
}
