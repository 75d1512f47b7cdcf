import "server-only";
import { db, type Prisma } from "@/lib/db";
import type { Actor } from "@/lib/audit/mutations";
import type { Resolved } from "./catalog-action";
import { checkedParams } from "./catalog-action";
import { executorFor, type ExecutionContext, type ExecutionResult } from "./executor";
import { retryTransient, BUSY_TX } from "./retry";
import { trackRun } from "./run-abort";
import { recordRunEvent, type RunRef } from "./run-record";
import { storableJson, storableText } from "./storable";
import { snapshotHealth, verifyAction } from "./verification";
import type { HealthSnapshot } from "./verify-rules";

// After the claim: the service's health just before, the executor, its health just after, the
// terminal state (in one transaction with its audit entry), then the verification, which is
// recorded on its own so the run's outcome shows at once and the check follows live.

/** What stays of the output on the row: the executor's capture is capped per action, this caps the row. */
const PREVIEW_CHARS = 16_000;
const STATUS_OF = { succeeded: "succeeded", failed: "failed", "timed out": "timed_out" } as const;

async function execute(resolved: Resolved | null, run: RunRef, params: Record<string, unknown>, ctx: ExecutionContext): Promise<ExecutionResult> {
  const started = performance.now();
  try {
    if (!resolved) throw new Error(`${run.service} has no action "${run.action}" in the catalog in force any more.`);
    return await executorFor(resolved.action).execute(resolved.action, checkedParams(resolved.action, params), ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { outcome: "failed", error: message, output: "", outputBytes: 0, truncated: false, digest: "", durationMs: Math.round(performance.now() - started) };
  }
}

/** A snapshot never fails the run: a probe that throws is recorded as no snapshot. */
const snapshot = (resolved: Resolved | null): Promise<HealthSnapshot | null> =>
  resolved ? snapshotHealth(resolved.svc).catch(() => null) : Promise.resolve(null);
// A snapshot carries the target's own texts: stored like its output
const json = (s: HealthSnapshot | null) => (s ? storableJson(s) : undefined) as Prisma.InputJsonValue | undefined;
/** The end is worth waiting for: up to ~50 s of backoff (a restarting database, killed connections). */
const FINISH_ATTEMPTS = 8;

export async function runAndFinish(actor: Actor, run: RunRef, resolved: Resolved | null, params: Record<string, unknown>, ctx: ExecutionContext) {
  const tracked = trackRun(run.id);
  try {
    await runTracked(actor, run, resolved, params, { ...ctx, signal: tracked.signal, runId: run.id });
  } finally {
    tracked.done();
  }
}

async function runTracked(actor: Actor, run: RunRef, resolved: Resolved | null, params: Record<string, unknown>, ctx: ExecutionContext) {
  const before = await snapshot(resolved);
  if (before) await db.actionRun.updateMany({ where: { id: run.id, status: "running" }, data: { healthBefore: json(before) } });
  const result = await execute(resolved, run, params, ctx);
  const after = await snapshot(resolved);
  const status = STATUS_OF[result.outcome];
  const verify = resolved?.action.verify;
  // Output, error and health come from the target: a NUL byte in any of them must not lose the end
  const fields = {
    status, finishedAt: new Date(), durationMs: result.durationMs, outputPreview: storableText(result.output.slice(0, PREVIEW_CHARS)),
    outputBytes: result.outputBytes, outputDigest: result.digest || null, error: result.error === undefined ? null : storableText(result.error),
    healthAfter: json(after), verifyStatus: !verify ? "skipped" : status === "succeeded" ? "pending" : "skipped",
    verifyDetail: !verify ? null : status === "succeeded" ? null : "not checked: the action did not succeed",
  } satisfies Prisma.ActionRunUpdateManyMutationInput;
  const ours = await retryTransient(`run ${run.id} finish`, () => db.$transaction(async (tx) => {
    // Only a run still ours: one marked interrupted meanwhile keeps that state, its late result is audited.
    const { count } = await tx.actionRun.updateMany({ where: { id: run.id, status: "running" }, data: fields });
    // A retry after a commit whose answer was lost (the connection died): it is recorded already.
    if (!count && (await tx.actionRun.count({ where: { id: run.id, finishedAt: fields.finishedAt, status } }))) return true;
    await recordRunEvent(tx, actor, run, "action.finish", {
      status, durationMs: result.durationMs, outputBytes: result.outputBytes, outputDigest: fields.outputDigest,
      truncated: result.truncated, httpStatus: result.httpStatus ?? null, exitCode: result.exitCode ?? null, error: fields.error,
      healthBefore: before?.status ?? null, healthAfter: after?.status ?? null,
      ...(count ? {} : { late: true }),
    });
    return count > 0;
  }, BUSY_TX), FINISH_ATTEMPTS);
  if (ours && verify && status === "succeeded") await verifyRun(actor, run, resolved!, ctx);
}

async function verifyRun(actor: Actor, run: RunRef, resolved: Resolved, ctx: ExecutionContext) {
  const verify = resolved.action.verify!;
  const judged = await verifyAction(resolved.svc, verify, { pollMs: ctx.verifyPollMs }).catch((e: unknown) => ({ ok: false, detail: `the check itself failed: ${e instanceof Error ? e.message : String(e)}` }));
  const verifyStatus = judged.ok ? "passed" : "failed";
  const rollback = !judged.ok && resolved.action.rollback ? resolved.action.rollback : null;
  const verifyDetail = storableText(judged.detail);
  await retryTransient(`run ${run.id} verify`, () => db.$transaction(async (tx) => {
    // Still pending: a sweep that found it stuck (see run-sweeps.ts) keeps its verdict, ours is audited as late
    const { count } = await tx.actionRun.updateMany({ where: { id: run.id, verifyStatus: "pending" }, data: { verifyStatus, verifyDetail } });
    if (!count && (await tx.actionRun.count({ where: { id: run.id, verifyStatus, verifyDetail } }))) return; // a retried commit
    await recordRunEvent(tx, actor, run, "action.verify", { verifyStatus, detail: verifyDetail, ...(rollback ? { rollbackOffered: rollback } : {}), ...(count ? {} : { late: true }) });
  }, BUSY_TX), FINISH_ATTEMPTS);
}
