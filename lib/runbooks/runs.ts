import "server-only";
import { db, type Prisma, type Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/mutations";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { incidentRef } from "@/lib/incidents/rules";
import { addTimelineEvent } from "@/lib/timeline/mutations";
import type { ParsedRunbook } from "@/lib/runbooks/parse/types";
import type { StepStatus } from "@/lib/runbooks/schemas";
import { markableSteps } from "@/lib/runbooks/derive";
import { touchIncident } from "@/lib/incidents/lock";
import { isSecretPlaceholder } from "@/lib/runbooks/placeholders";
import { stepTitle } from "@/lib/runbooks/step-title";

// Guided runs. Every change is written to the incident's timeline and audited against the
// incident, so everyone following the incident sees it live (the audit tail is the change feed).

async function record(tx: Tx, actor: Actor, incidentId: string, verb: string, data: Record<string, unknown>) {
  const number = await touchIncident(tx, incidentId);
  await addTimelineEvent(tx, { incidentId, kind: "runbook", actor, data: data as Prisma.InputJsonValue });
  await appendAudit(tx, { actor, verb, target: { type: "incident", id: incidentId }, after: { ref: incidentRef(number), ...data } });
}

/** Starts a runbook on an incident, or joins the run already going: several responders follow one run. */
export async function startRunbookRun(actor: Actor, input: { incidentId: string; slug: string; drill: boolean }) {
  return db.$transaction(async (tx) => {
    const rb = await tx.runbook.findUnique({ where: { slug: input.slug }, select: { id: true, slug: true, title: true, version: true, archived: true, versions: { orderBy: { version: "desc" }, take: 1, select: { id: true } } } });
    if (!rb || !rb.versions.length) throw new NotFoundError("That runbook does not exist.");
    if (rb.archived) throw new ValidationError(`"${rb.title}" is archived; restore it in the library first.`);
    await touchIncident(tx, input.incidentId);
    const running = await tx.runbookRun.findFirst({ where: { incidentId: input.incidentId, runbookId: rb.id, status: "active" }, select: { id: true } });
    if (running) return { runId: running.id, joined: true };
    const run = await tx.runbookRun.create({
      data: { runbookId: rb.id, versionId: rb.versions[0].id, incidentId: input.incidentId, drill: input.drill, startedById: actor.id, startedByLabel: actor.label },
      select: { id: true },
    });
    await tx.runbook.update({ where: { id: rb.id }, data: input.drill ? { lastUsedAt: new Date(), lastDrillAt: new Date() } : { lastUsedAt: new Date() } });
    await record(tx, actor, input.incidentId, "runbook.run.start", { event: "started", runId: run.id, runbook: rb.slug, title: rb.title, version: rb.version, drill: input.drill });
    return { runId: run.id, joined: false };
  });
}

async function lockRun(tx: Tx, runId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "RunbookRun" WHERE "id" = ${runId} FOR UPDATE`;
  if (!rows.length) throw new NotFoundError("That runbook run does not exist.");
  return tx.runbookRun.findUniqueOrThrow({
    where: { id: runId },
    select: { id: true, incidentId: true, status: true, vars: true, runbook: { select: { slug: true, title: true } }, runbookVersion: { select: { parsed: true } } },
  });
}

/**
 * Marks one step done, skipped or failed (or clears it with ""). `from` is what the person saw:
 * if another responder marked the step meanwhile, they are told rather than overwritten.
 */
export async function markRunbookStep(actor: Actor, input: { runId: string; step: string; from: "" | StepStatus; status: "" | StepStatus; note: string }) {
  return db.$transaction(async (tx) => {
    const run = await lockRun(tx, input.runId);
    if (run.status !== "active") throw new ConflictError(`This run was ${run.status}; start the runbook again to keep working on it.`);
    const parsed = run.runbookVersion.parsed as unknown as ParsedRunbook;
    const steps = markableSteps(parsed);
    const position = steps.findIndex((s) => s.key === input.step);
    if (position < 0) throw new ValidationError("That step is not one you can mark in this runbook.");
    const current = await tx.runbookStepState.findUnique({ where: { runId_step: { runId: run.id, step: input.step } }, select: { status: true, actorLabel: true, at: true } });
    const was = (current?.status ?? "") as "" | StepStatus;
    if (was !== input.from) {
      const who = current ? `${current.actorLabel} marked it ${current.status} at ${current.at.toISOString().slice(11, 16)} UTC` : "someone cleared it";
      throw new ConflictError(`This step changed while you were looking: ${who}. Check it and try again if needed.`);
    }
    if (was === input.status && !input.note) return;
    if (input.status === "") await tx.runbookStepState.delete({ where: { runId_step: { runId: run.id, step: input.step } } });
    else {
      const data = { status: input.status, note: input.note, actorId: actor.id, actorLabel: actor.label, at: new Date() };
      await tx.runbookStepState.upsert({ where: { runId_step: { runId: run.id, step: input.step } }, create: { runId: run.id, step: input.step, ...data }, update: data });
    }
    const { phase, index } = steps[position];
    const title = stepTitle(parsed.phases[phase].steps[index]);
    await record(tx, actor, run.incidentId, "runbook.step", {
      event: "step", runId: run.id, runbook: run.runbook.slug, runbookTitle: run.runbook.title,
      step: input.step, number: position + 1, title, status: input.status || "cleared", from: was || null, note: input.note || null,
    });
  });
}

/** Fills placeholders ($NAMESPACE, <STREAM_NAME>) once for the run; everyone's commands update. */
export async function setRunVars(actor: Actor, input: { runId: string; vars: Record<string, string> }) {
  return db.$transaction(async (tx) => {
    const run = await lockRun(tx, input.runId);
    const parsed = run.runbookVersion.parsed as unknown as ParsedRunbook;
    const allowed = new Set(parsed.placeholders);
    const unknown = Object.keys(input.vars).filter((k) => !allowed.has(k));
    if (unknown.length) throw new ValidationError(`This runbook has no placeholder ${unknown.join(", ")}.`);
    const secret = Object.keys(input.vars).filter((k) => isSecretPlaceholder(k) && input.vars[k]);
    if (secret.length) throw new ValidationError(`${secret.join(", ")} looks like a secret: Sitrep does not store secrets. Type it in your own terminal instead.`);
    const vars = { ...(run.vars as Record<string, string>), ...input.vars };
    await tx.runbookRun.update({ where: { id: run.id }, data: { vars } });
    await record(tx, actor, run.incidentId, "runbook.run.vars", { event: "vars", runId: run.id, runbook: run.runbook.slug, runbookTitle: run.runbook.title, names: Object.keys(input.vars) });
  });
}

export async function finishRunbookRun(actor: Actor, input: { runId: string; status: "completed" | "abandoned" }) {
  return db.$transaction(async (tx) => {
    const run = await lockRun(tx, input.runId);
    if (run.status !== "active") return;
    await tx.runbookRun.update({ where: { id: run.id }, data: { status: input.status, finishedAt: new Date() } });
    const done = await tx.runbookStepState.count({ where: { runId: run.id } });
    await record(tx, actor, run.incidentId, "runbook.run.finish", { event: input.status, runId: run.id, runbook: run.runbook.slug, title: run.runbook.title, marked: done });
  });
}
