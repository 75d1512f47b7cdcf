import "server-only";
import { db } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/audit/mutations";
import { findAction } from "./catalog-action";
import { getInstanceId, isGoneInstance } from "./instance";
import { BUSY_TX, retryTransient } from "./retry";
import { recordRunEvent, RUN_REF_SELECT } from "./run-record";
import { markInterruptedRunsAtStartup } from "./run-recovery";

// The poller's housekeeping for action runs (one active instance runs it): runs whose process is
// gone end (run-recovery.ts), requests nobody started expire, and verifications a crash left
// "pending" fail with the reason, so the rollback is offered. Each row moves in its own short
// transaction guarded by its current state, so a run that moves meanwhile keeps its real state.

/** A verification not done this long after its `within` (or 10 min, the action gone) was cut off. */
const VERIFY_GRACE_MS = 60_000;
const VERIFY_UNKNOWN_WITHIN_MS = 10 * 60_000;

export async function sweepActionRuns(now = new Date()): Promise<{ interrupted: number; expired: number; verifications: number }> {
  const interrupted = await markInterruptedRunsAtStartup(now);
  const expired = await expireUnstartedRuns(now);
  const verifications = await failStaleVerifications(now);
  return { interrupted, expired, verifications };
}

/** A request (approved or not) not started before its expiresAt ends as denied, with the reason. */
export async function expireUnstartedRuns(now = new Date()): Promise<number> {
  const stale = await db.actionRun.findMany({ where: { status: "requested", expiresAt: { lt: now } }, select: { ...RUN_REF_SELECT, approvedAt: true } });
  let count = 0;
  for (const run of stale) {
    const reason = run.approvedAt
      ? "Expired: its approval ran out before anyone ran it. Request it again if it is still needed."
      : "Expired: never started after it was requested (the request may have failed half-way). Request it again if it is still needed.";
    count += await retryTransient(`run ${run.id} expire`, () => db.$transaction(async (tx) => {
      const { count: moved } = await tx.actionRun.updateMany({
        where: { id: run.id, status: "requested", expiresAt: { lt: now } },
        data: { status: "denied", deniedByLabel: "Sitrep", denyReason: reason, finishedAt: new Date() },
      });
      if (moved) await recordRunEvent(tx, SYSTEM_ACTOR, run, "action.expire", { status: "denied", reason });
      return moved;
    }, BUSY_TX));
  }
  return count;
}

/** Pending verifications whose process is gone, or that are past their window: failed, rollback offered. */
export async function failStaleVerifications(now = new Date()): Promise<number> {
  const pending = await db.actionRun.findMany({ where: { verifyStatus: "pending" }, select: { ...RUN_REF_SELECT, instanceId: true, finishedAt: true } });
  const self = getInstanceId();
  let count = 0;
  for (const run of pending) {
    // The catalog is read before the transaction (rule 13): the window and the rollback
    const resolved = await findAction(run.service, run.action).catch(() => null);
    const within = resolved?.action.verify?.within ?? VERIFY_UNKNOWN_WITHIN_MS;
    const died = !!run.instanceId && isGoneInstance(run.instanceId, self);
    const overdue = (run.finishedAt?.getTime() ?? 0) + within + VERIFY_GRACE_MS < now.getTime();
    if (!died && !overdue) continue;
    const detail = died
      ? "not checked to the end: the Sitrep process checking it stopped. Check the service yourself."
      : "not checked to the end: no result was recorded within its time. Check the service yourself.";
    const rollback = resolved?.action.rollback ?? null;
    count += await retryTransient(`run ${run.id} verify sweep`, () => db.$transaction(async (tx) => {
      const { count: moved } = await tx.actionRun.updateMany({ where: { id: run.id, verifyStatus: "pending" }, data: { verifyStatus: "failed", verifyDetail: detail } });
      if (moved) await recordRunEvent(tx, SYSTEM_ACTOR, run, "action.verify", { verifyStatus: "failed", detail, ...(rollback ? { rollbackOffered: rollback } : {}) });
      return moved;
    }, BUSY_TX));
  }
  return count;
}
