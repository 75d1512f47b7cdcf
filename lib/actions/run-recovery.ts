import "server-only";
import { db, type Prisma } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/audit/mutations";
import { getInstanceId, isGoneInstance } from "./instance";
import { BUSY_TX, retryTransient } from "./retry";
import { recordRunEvent, RUN_REF_SELECT } from "./run-record";

// Runs cut off by a crash or restart never stay "running". Each is moved to `interrupted` in its
// own short transaction, guarded by status = 'running', so a run that finishes meanwhile keeps
// its real result and two instances starting together never interrupt (or audit) a run twice.

async function interrupt(where: Prisma.ActionRunWhereInput, reason: string): Promise<number> {
  const candidates = await db.actionRun.findMany({ where: { ...where, status: "running" }, select: { ...RUN_REF_SELECT, instanceId: true } });
  let count = 0;
  for (const run of candidates) {
    count += await retryTransient(`run ${run.id} interrupt`, () => db.$transaction(async (tx) => {
      const finishedAt = new Date();
      const error = `Interrupted: ${reason}. Check the target before running it again.`;
      const { count: moved } = await tx.actionRun.updateMany({ where: { id: run.id, status: "running" }, data: { status: "interrupted", finishedAt, error } });
      if (!moved) return 0;
      await recordRunEvent(tx, SYSTEM_ACTOR, run, "action.interrupted", { status: "interrupted", instanceId: run.instanceId, reason });
      return 1;
    }, BUSY_TX));
  }
  return count;
}

/** Marks every run still running (or only those of `instanceId`) as interrupted; returns how many. */
export function markInterruptedRuns(instanceId?: string): Promise<number> {
  return interrupt(instanceId ? { instanceId } : {}, instanceId ? `the Sitrep process ${instanceId} stopped while it ran` : "Sitrep stopped while it ran");
}

/**
 * At server start: interrupt the runs whose process is certainly gone, and leave those of other
 * live instances alone (several instances share the database). Gone means either
 * - it ran on this host and its pid is ours now or no longer exists (see isGoneInstance), or
 * - it is past its deadline (start + timeout + grace): a live process always ends a run by then,
 *   so this catches a crashed instance on another host without any heartbeat table.
 * A run of a crashed other host still inside its deadline is marked at the next start.
 */
export async function markInterruptedRunsAtStartup(now = new Date()): Promise<number> {
  const self = getInstanceId();
  const running = await db.actionRun.findMany({ where: { status: "running" }, select: { id: true, instanceId: true, deadlineAt: true } });
  const gone = running.filter((r) => !r.instanceId || isGoneInstance(r.instanceId, self) || (r.deadlineAt !== null && r.deadlineAt < now));
  if (!gone.length) return 0;
  return interrupt({ id: { in: gone.map((r) => r.id) } }, "Sitrep restarted (or its process was lost) while it ran");
}
