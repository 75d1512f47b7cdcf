// Probes for the recovery-action server actions (used by security.spec.ts): each seeds what the
// call would change straight in the database (a run awaiting approval, one ready to run, an
// incident for a dry run) and reads back whether it changed. None of them makes the demo fleet
// restart: a request of the restart stops at "awaiting approval", and the run that really
// executes (the allowed caller's) republishes at most one outbox entry.
import type pg from "pg";
import type { CreateUser, TestUser } from "../fixtures";
import type { ActionResponse } from "./http";
import { actionEventCount, runByKey, runRow, seedActionRun, seedIncident, SERVICE, uniqueKey } from "./action-runs";

export type ActionProbe = {
  prepare(ctx: { db: pg.Pool; createUser: CreateUser; caller?: TestUser }): Promise<{
    input: unknown;
    changed(): Promise<boolean>;
    revealed?(result: ActionResponse["result"]): boolean;
  }>;
};

/** A run someone else requested, for the approve and deny probes. */
async function pendingRestart(db: pg.Pool, createUser: CreateUser) {
  const requester = await createUser("responder");
  return seedActionRun(db, { action: "restart", status: "awaiting_approval", requestedBy: requester });
}
const statusOf = async (db: pg.Pool, id: string) => (await runRow(db, id))?.status;

export const RECOVERY_ACTIONS: Record<string, { access: "responder"; probe: ActionProbe }> = {
  "lib/actions/actions.ts#requestRecoveryAction": {
    access: "responder",
    probe: {
      async prepare({ db }) {
        // Needs approval, so even the allowed call only records the request.
        const idempotencyKey = uniqueKey();
        return {
          input: { service: SERVICE, action: "restart", params: {}, idempotencyKey, confirm: SERVICE },
          changed: async () => (await runByKey(db, idempotencyKey)) !== undefined,
        };
      },
    },
  },
  "lib/actions/actions.ts#previewRecoveryAction": {
    access: "responder",
    probe: {
      // A preview writes nothing by design; what a lower role must not get is its answer.
      async prepare() {
        return {
          input: { service: SERVICE, action: "republish-jobs", params: { limit: 5 } },
          changed: async () => false,
          revealed: (result) => /^[0-9a-f]{64}$/.test(String((result?.data as { targetHash?: unknown } | undefined)?.targetHash)),
        };
      },
    },
  },
  "lib/actions/actions.ts#dryRunRecoveryAction": {
    access: "responder",
    probe: {
      async prepare({ db }) {
        const incident = await seedIncident(db, "Dry-run probe");
        return {
          input: { service: SERVICE, action: "republish-jobs", params: { limit: 5 }, incidentId: incident.id },
          changed: async () => (await actionEventCount(db, incident.id)) > 0,
        };
      },
    },
  },
  "lib/actions/actions.ts#approveActionRunAction": {
    access: "responder",
    probe: {
      async prepare({ db, createUser, caller }) {
        const runId = await pendingRestart(db, createUser);
        const { targetHash } = (await runRow(db, runId))!;
        // The caller's real password: a refusal must come from the role check, not the re-confirm.
        return { input: { runId, targetHash, password: caller?.password ?? "no-session" }, changed: async () => (await statusOf(db, runId)) !== "awaiting_approval" };
      },
    },
  },
  "lib/actions/actions.ts#denyActionRunAction": {
    access: "responder",
    probe: {
      async prepare({ db, createUser }) {
        const runId = await pendingRestart(db, createUser);
        return { input: { runId, reason: "probe" }, changed: async () => (await statusOf(db, runId)) !== "awaiting_approval" };
      },
    },
  },
  "lib/actions/actions.ts#executeActionRunAction": {
    access: "responder",
    probe: {
      async prepare({ db }) {
        const runId = await seedActionRun(db, { action: "republish-jobs", params: { limit: 1 }, status: "requested" });
        return { input: { runId }, changed: async () => (await statusOf(db, runId)) !== "requested" };
      },
    },
  },
};
