import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/audit/mutations";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { currentTargetHash } from "./catalog-action";
import { findActionRun } from "./run-queries";
import { recordRunEvent, RUN_REF_SELECT } from "./run-record";

// The two-person rule. A second person approves exactly what they saw (the hash shown with the
// request); the approval expires, and execution re-checks that it still covers the action as
// the catalog declares it. Identity is confirmed by the caller (password or a fresh SSO sign-in).

export const DEFAULT_APPROVAL_TTL_MS = 15 * 60_000;

type Decider = Actor & { id: string };
const STATUS_TEXT: Record<string, string> = {
  requested: "already approved", running: "already running", succeeded: "already finished", failed: "already finished",
  timed_out: "already finished", denied: "already denied", interrupted: "already finished",
};

async function lockPending(tx: Tx, runId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "ActionRun" WHERE "id" = ${runId} FOR UPDATE`;
  if (!rows.length) throw new NotFoundError("That action run does not exist.");
  const run = await tx.actionRun.findUniqueOrThrow({
    where: { id: runId },
    select: { ...RUN_REF_SELECT, status: true, params: true, targetHash: true, requestedById: true },
  });
  if (run.status !== "awaiting_approval") throw new ConflictError(`This request is ${STATUS_TEXT[run.status] ?? run.status}.`);
  return run;
}

export async function approveActionRun(approver: Decider, input: { runId: string; targetHash: string; confirmedBy: "password" | "sso" }, ttlMs = DEFAULT_APPROVAL_TTL_MS) {
  await db.$transaction(async (tx) => {
    const run = await lockPending(tx, input.runId);
    if (run.requestedById === approver.id) throw new ForbiddenError("You requested this action, so someone else must approve it.");
    if (run.targetHash !== input.targetHash) throw new ConflictError("This request is not the one you reviewed (its parameters or target differ). Reload and review it again.");
    const now = await currentTargetHash(run.service, run.action, run.params as Record<string, unknown>, tx);
    if (now !== run.targetHash) throw new ConflictError("The action changed in the catalog since it was requested, so this request cannot be approved. Ask for it again.");
    const approvedAt = new Date();
    const expiresAt = new Date(approvedAt.getTime() + ttlMs);
    await tx.actionRun.update({
      where: { id: run.id },
      data: { status: "requested", approvedById: approver.id, approvedByLabel: approver.label, approvedAt, expiresAt, approvedHash: run.targetHash },
    });
    await recordRunEvent(tx, approver, run, "action.approve", { targetHash: run.targetHash, expiresAt: expiresAt.toISOString(), confirmedBy: input.confirmedBy });
  });
  return (await findActionRun(input.runId))!;
}

/** Any responder may deny; the requester may withdraw their own request the same way. */
export async function denyActionRun(decider: Decider, input: { runId: string; reason?: string | null }) {
  await db.$transaction(async (tx) => {
    const run = await lockPending(tx, input.runId);
    const reason = input.reason?.trim() || null;
    const withdrawn = run.requestedById === decider.id;
    await tx.actionRun.update({
      where: { id: run.id },
      data: { status: "denied", deniedById: decider.id, deniedByLabel: decider.label, denyReason: reason, finishedAt: new Date() },
    });
    await recordRunEvent(tx, decider, run, "action.deny", { status: "denied", reason, ...(withdrawn ? { withdrawn: true } : {}) });
  });
  return (await findActionRun(input.runId))!;
}
