"use server";
import { after } from "next/server";
import { actorOf, defineAction } from "@/lib/action-client";
import type { CurrentUser } from "@/lib/auth/session";
import { actionEnv } from "@/lib/env";
import { approveActionRun, denyActionRun } from "./approvals";
import { confirmIdentity } from "./confirm";
import { dryRunAction, previewAction } from "./preview";
import { requestActionRun, startActionRun, startDuplicate } from "./runs";
import { approveActionSchema, denyActionSchema, executeActionSchema, previewActionSchema, requestActionSchema } from "./schemas";

// Recovery actions from the UI (runbook steps, incidents, service pages). Execution continues
// after the response (`after`), so the button answers at once and everyone follows the run's
// status live; the run's own row and audit entries say how it ends.

const ctx = () => ({ env: actionEnv() });

/** Claims the run now (so "already running" or "approval expired" reaches whoever pressed), runs it after the response. */
async function start(user: CurrentUser, runId: string) {
  const { finish } = await startActionRun(actorOf(user), runId, ctx());
  after(finish);
}

export const requestRecoveryAction = defineAction({
  name: "requestRecovery",
  role: "responder",
  input: requestActionSchema,
  async handler(input, user) {
    const { run, duplicate } = await requestActionRun(actorOf(user), input);
    if (duplicate) {
      const resumed = await startDuplicate(actorOf(user), run, ctx());
      if (resumed.finish) after(resumed.finish);
      return { data: { runId: run.id, status: resumed.finish ? "running" : run.status }, message: resumed.message };
    }
    if (run.status === "awaiting_approval") return { data: { runId: run.id, status: run.status }, message: "Requested: waiting for a second person's approval." };
    await start(user, run.id);
    return { data: { runId: run.id, status: "running" }, message: "Running…" };
  },
});

/** What the preflight dialog shows while parameters are chosen: not recorded (a dry run is). */
export const previewRecoveryAction = defineAction({
  name: "previewRecovery",
  role: "responder",
  input: previewActionSchema,
  async handler({ service, action, params }) {
    return previewAction(service, action, params, ctx());
  },
});

export const dryRunRecoveryAction = defineAction({
  name: "dryRunRecovery",
  role: "responder",
  input: previewActionSchema,
  async handler(input, user) {
    const shown = await dryRunAction(actorOf(user), input, ctx());
    return { data: shown, message: "Dry run recorded: nothing was executed." };
  },
});

export const approveActionRunAction = defineAction({
  name: "approveActionRun",
  role: "responder",
  input: approveActionSchema,
  async handler({ runId, targetHash, password }, user) {
    const confirmedBy = await confirmIdentity(user, password);
    const run = await approveActionRun({ ...actorOf(user), id: user.id }, { runId, targetHash, confirmedBy });
    return { data: { runId: run.id, expiresAt: run.expiresAt?.toISOString() ?? null }, message: "Approved. The requester (or any responder) can run it now." };
  },
});

export const denyActionRunAction = defineAction({
  name: "denyActionRun",
  role: "responder",
  input: denyActionSchema,
  async handler({ runId, reason }, user) {
    const run = await denyActionRun({ ...actorOf(user), id: user.id }, { runId, reason });
    return { data: { runId: run.id }, message: run.requestedById === user.id ? "Request withdrawn." : "Denied." };
  },
});

export const executeActionRunAction = defineAction({
  name: "executeActionRun",
  role: "responder",
  input: executeActionSchema,
  async handler({ runId }, user) {
    await start(user, runId);
    return { data: { runId }, message: "Running…" };
  },
});
