import "server-only";
import { db, type Prisma } from "@/lib/db";
import type { Actor } from "@/lib/audit/mutations";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { CatalogAction } from "@/lib/services/catalog-schema";
import { getActiveCatalog } from "@/lib/services/catalog-store";
import { executorFor, type ExecutionContext, type ExecutionResult } from "./executor";
import { getInstanceId } from "./instance";
import { validateParams, type ParamValues } from "./params";
import { recordRunEvent, RUN_REF_SELECT, type RunRef } from "./run-record";
import { canonicalParams, targetHashOf } from "./target";

// The lifecycle of one recovery action: requested (or awaiting_approval) → running → succeeded |
// failed | timed_out, or denied | interrupted. The request's audit entry commits with the row, so
// nothing ever runs unaudited; the claim to run is one conditional UPDATE, so it runs once.

import { findActionRun, getActionRun, listActionRuns } from "./run-queries";

export { getActionRun, listActionRuns };
export { markInterruptedRuns, markInterruptedRunsAtStartup } from "./run-recovery";

export type RequestInput = {
  service: string;
  action: string;
  params: Record<string, unknown>;
  idempotencyKey: string;
  incidentId?: string | null;
  runbookRunId?: string | null;
  step?: string | null;
};

/** What stays of the output on the row: the executor's capture is capped per action, this caps the row. */
const PREVIEW_CHARS = 16_000;
/** How long past its timeout a run may still be finishing (a command's kill grace, the final write). */
const DEADLINE_GRACE_MS = 60_000;
const STATUS_OF = { succeeded: "succeeded", failed: "failed", "timed out": "timed_out" } as const;

async function findAction(service: string, name: string): Promise<CatalogAction> {
  const { catalog } = await getActiveCatalog();
  const svc = catalog.services.find((s) => s.slug === service);
  if (!svc) throw new NotFoundError(`There is no service "${service}" in the catalog in force.`);
  const action = svc.actions.find((a) => a.name === name);
  if (!action) throw new NotFoundError(`${svc.name} has no action "${name}" in the catalog in force.`);
  return action;
}

function checkedParams(action: CatalogAction, input: Record<string, unknown>): ParamValues {
  const checked = validateParams(action, input);
  if (checked.ok) return checked.values;
  const fieldErrors = Object.fromEntries(Object.entries(checked.errors).map(([k, m]) => [k, [m]]));
  throw new ValidationError(`${action.title}: ${Object.values(checked.errors).join("; ")}`, fieldErrors);
}

/** Records a request. A repeated idempotency key returns the first run and writes nothing. */
export async function requestActionRun(actor: Actor, input: RequestInput) {
  const action = await findAction(input.service, input.action);
  const params = canonicalParams(checkedParams(action, input.params));
  const targetHash = targetHashOf(input.service, action.name, params);
  const status = action.approval ? "awaiting_approval" : "requested";
  const created = await db.$transaction(async (tx) => {
    if (input.incidentId && !(await tx.incident.findUnique({ where: { id: input.incidentId }, select: { id: true } }))) {
      throw new NotFoundError("That incident does not exist.");
    }
    const data = {
      service: input.service, action: action.name, params, danger: action.danger, targetHash, status,
      idempotencyKey: input.idempotencyKey, incidentId: input.incidentId ?? null,
      runbookRunId: input.runbookRunId ?? null, step: input.step ?? null,
      requestedById: actor.id, requestedByLabel: actor.label,
    };
    // ON CONFLICT DO NOTHING: a concurrent twin waits on the key's index entry, then inserts nothing.
    const { count } = await tx.actionRun.createMany({ data: [data], skipDuplicates: true });
    if (!count) return false;
    const run = await tx.actionRun.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey }, select: RUN_REF_SELECT });
    await recordRunEvent(tx, actor, run, "action.request", { title: action.title, params, danger: action.danger, approval: action.approval, targetHash, status });
    return true;
  });
  const { id } = await db.actionRun.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true } });
  const run = (await findActionRun(id))!;
  if (!created && run.targetHash !== targetHash) {
    throw new ConflictError("This request was already made with other parameters; reload and try again.");
  }
  return { run, duplicate: !created };
}

async function claim(actor: Actor, runId: string, timeoutMs: number | null) {
  return db.$transaction(async (tx) => {
    const instanceId = getInstanceId();
    const deadline = timeoutMs === null ? null : new Date(Date.now() + timeoutMs + DEADLINE_GRACE_MS);
    const rows = await tx.$queryRaw<RunRef[]>`
      UPDATE "ActionRun" SET "status" = 'running', "startedAt" = now(), "instanceId" = ${instanceId}, "deadlineAt" = ${deadline}
      WHERE "id" = ${runId} AND "status" = 'requested' AND ("expiresAt" IS NULL OR "expiresAt" > now())
      RETURNING "id", "service", "action", "incidentId", "runbookRunId", "step"`;
    if (rows.length) {
      await recordRunEvent(tx, actor, rows[0], "action.start", { instanceId });
      return rows[0];
    }
    const run = await tx.actionRun.findUnique({ where: { id: runId }, select: { status: true, expiresAt: true } });
    if (!run) throw new NotFoundError("That action run does not exist.");
    if (run.status === "requested") throw new ConflictError("Its approval has expired; request the action again.");
    if (run.status === "awaiting_approval") throw new ConflictError("This action is waiting for a second person's approval.");
    throw new ConflictError(run.status === "running" ? "This action is already running." : `This action has already finished (${run.status.replace("_", " ")}).`);
  });
}

async function runExecutor(service: string, name: string, params: ParamValues, ctx: ExecutionContext): Promise<ExecutionResult> {
  const started = performance.now();
  try {
    const action = await findAction(service, name);
    return await executorFor(action).execute(action, checkedParams(action, params), ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { outcome: "failed", error: message, output: "", outputBytes: 0, truncated: false, digest: "", durationMs: Math.round(performance.now() - started) };
  }
}

/** Runs a requested action once: a second caller, or a run already finished, gets a ConflictError. */
export async function executeActionRun(actor: Actor, runId: string, ctx: ExecutionContext) {
  const row = await db.actionRun.findUnique({ where: { id: runId }, select: { service: true, action: true, params: true } });
  if (!row) throw new NotFoundError("That action run does not exist.");
  // The timeout sets the run's deadline; an action gone from the catalog fails in runExecutor.
  const timeoutMs = await findAction(row.service, row.action).then((a) => a.timeout, () => null);
  const run = await claim(actor, runId, timeoutMs);
  const result = await runExecutor(row.service, row.action, row.params as ParamValues, ctx);
  const status = STATUS_OF[result.outcome];
  const fields = {
    status, finishedAt: new Date(), durationMs: result.durationMs, outputPreview: result.output.slice(0, PREVIEW_CHARS),
    outputBytes: result.outputBytes, outputDigest: result.digest || null, error: result.error ?? null,
  } satisfies Prisma.ActionRunUpdateManyMutationInput;
  await db.$transaction(async (tx) => {
    // Only a run still ours: one marked interrupted meanwhile keeps that state, its late result is audited.
    const { count } = await tx.actionRun.updateMany({ where: { id: runId, status: "running" }, data: fields });
    await recordRunEvent(tx, actor, run, "action.finish", {
      status, durationMs: result.durationMs, outputBytes: result.outputBytes, outputDigest: fields.outputDigest,
      truncated: result.truncated, httpStatus: result.httpStatus ?? null, exitCode: result.exitCode ?? null, error: fields.error,
      ...(count ? {} : { late: true }),
    });
  });
  return (await findActionRun(runId))!;
}
