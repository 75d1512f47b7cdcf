import "server-only";
import { db, type Prisma } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/audit/mutations";
import { getInstanceId, isGoneInstance } from "./instance";
import { BUSY_TX, retryTransient } from "./retry";
import { stopOrphanedCommands } from "./orphans";
import { abortRun } from "./run-abort";
import { recordRunEvent, RUN_REF_SELECT } from "./run-record";

// Runs cut off by a crash or restart never stay "running". Each is moved to `interrupted` in its
// own short transaction, guarded by status = 'running', so a run that finishes meanwhile keeps
// its real result and two instances starting together never interrupt (or audit) a run twice.
// The reason says what is known: a process that died cut the action off; a process still alive
// past the run's deadline ran it but could not store its end (the database refused or was gone),
// so its outcome is unknown, and "Sitrep restarted" would be false.

export const OUTCOME_UNKNOWN = "outcome unknown: the action ran, its result could not be stored";
type Reason = { reason: string; outcomeUnknown: boolean };

async function interrupt(where: Prisma.ActionRunWhereInput, reasonOf: (instanceId: string | null) => Reason): Promise<number> {
  const candidates = await db.actionRun.findMany({ where: { ...where, status: "running" }, select: { ...RUN_REF_SELECT, instanceId: true } });
  let count = 0;
  for (const run of candidates) {
    const { reason, outcomeUnknown } = reasonOf(run.instanceId);
    count += await retryTransient(`run ${run.id} interrupt`, () => db.$transaction(async (tx) => {
      const finishedAt = new Date();
      const error = outcomeUnknown
        ? `${reason[0].toUpperCase()}${reason.slice(1)}. Check the target before running it again.`
        : `Interrupted: ${reason}. Check the target before running it again.`;
      const { count: moved } = await tx.actionRun.updateMany({ where: { id: run.id, status: "running" }, data: { status: "interrupted", finishedAt, error } });
      if (!moved) return 0;
      await recordRunEvent(tx, SYSTEM_ACTOR, run, "action.interrupted", { status: "interrupted", instanceId: run.instanceId, reason, ...(outcomeUnknown ? { outcomeUnknown } : {}) });
      return 1;
    }, BUSY_TX));
    // Ours: its executor stops (a command's whole process group) rather than outlive the run
    if (run.instanceId === getInstanceId()) abortRun(run.id);
  }
  // A dead process's commands on this host (interrupted or not by us: it is over either way)
  const self = getInstanceId();
  stopOrphanedCommands(candidates.filter((r) => r.instanceId && r.instanceId !== self && isGoneInstance(r.instanceId, self)).map((r) => r.id));
  return count;
}

/** Marks every run still running (or only those of `instanceId`) as interrupted; returns how many. */
export function markInterruptedRuns(instanceId?: string): Promise<number> {
  const reason = instanceId ? `the Sitrep process ${instanceId} stopped while it ran` : "Sitrep stopped while it ran";
  return interrupt(instanceId ? { instanceId } : {}, () => ({ reason, outcomeUnknown: false }));
}

/** Why a run past its deadline (or of a gone process) never ended, as far as this host can tell. */
function reasonFor(instanceId: string | null, self: string): Reason {
  if (!instanceId) return { reason: "Sitrep restarted (or its process was lost) while it ran", outcomeUnknown: false };
  if (isGoneInstance(instanceId, self)) return { reason: "Sitrep restarted (or its process was lost) while it ran", outcomeUnknown: false };
  if (instanceId.split(":")[0] === self.split(":")[0]) return { reason: OUTCOME_UNKNOWN, outcomeUnknown: true };
  // Another host: it may have crashed, or be alive and unable to write; either way nobody knows
  return { reason: `${OUTCOME_UNKNOWN} (its Sitrep process on ${instanceId.split(":")[0]} recorded no end by the deadline)`, outcomeUnknown: true };
}

/**
 * At server start (and in the poller's housekeeping): interrupt the runs whose process is
 * certainly gone, and leave those of other live instances alone (several instances share the
 * database). Gone means either
 * - it ran on this host and its pid is ours now or no longer exists (see isGoneInstance), or
 * - it is past its deadline (start + timeout + grace): a live process always ends a run by then,
 *   or could not record its end (outcome unknown); this also catches a crashed other host.
 * A run of a crashed other host still inside its deadline is marked at the next start.
 */
export async function markInterruptedRunsAtStartup(now = new Date()): Promise<number> {
  const self = getInstanceId();
  const running = await db.actionRun.findMany({ where: { status: "running" }, select: { id: true, instanceId: true, deadlineAt: true } });
  const gone = running.filter((r) => !r.instanceId || isGoneInstance(r.instanceId, self) || (r.deadlineAt !== null && r.deadlineAt < now));
  if (!gone.length) return 0;
  return interrupt({ id: { in: gone.map((r) => r.id) } }, (instanceId) => reasonFor(instanceId, self));
}
