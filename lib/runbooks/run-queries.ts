import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { markableSteps } from "@/lib/runbooks/derive";
import { stepTitle } from "@/lib/runbooks/step-title";
import type { ParsedRunbook } from "@/lib/runbooks/parse/types";
import type { StepStatus } from "@/lib/runbooks/schemas";

export type StepState = { status: StepStatus; note: string; actorLabel: string; at: string };
export type RunView = {
  id: string; status: string; drill: boolean; startedAt: string; startedByLabel: string; finishedAt: string | null;
  runbook: { slug: string; title: string; version: number; mttrMinutes: number | null };
  parsed: ParsedRunbook; vars: Record<string, string>; steps: Record<string, StepState>;
  progress: { marked: number; total: number; failed: number };
};

const RUN_SELECT = {
  id: true, status: true, drill: true, startedAt: true, startedByLabel: true, finishedAt: true, vars: true, incidentId: true,
  runbook: { select: { slug: true, title: true, mttrMinutes: true } },
  runbookVersion: { select: { version: true, parsed: true, markdown: true } },
  steps: { select: { step: true, status: true, note: true, actorLabel: true, at: true } },
} as const;

type RunRow = { id: string; status: string; drill: boolean; startedAt: Date; startedByLabel: string; finishedAt: Date | null; vars: unknown;
  runbook: { slug: string; title: string; mttrMinutes: number | null };
  runbookVersion: { version: number; parsed: unknown; markdown: string };
  steps: { step: string; status: string; note: string; actorLabel: string; at: Date }[] };

function toView(r: RunRow): RunView {
  const parsed = { ...(r.runbookVersion.parsed as ParsedRunbook), markdown: r.runbookVersion.markdown };
  const steps = Object.fromEntries(r.steps.map((s) => [s.step, { status: s.status as StepStatus, note: s.note, actorLabel: s.actorLabel, at: s.at.toISOString() }]));
  const markable = markableSteps(parsed);
  return {
    id: r.id, status: r.status, drill: r.drill, startedAt: r.startedAt.toISOString(), startedByLabel: r.startedByLabel, finishedAt: r.finishedAt?.toISOString() ?? null,
    runbook: { slug: r.runbook.slug, title: r.runbook.title, version: r.runbookVersion.version, mttrMinutes: r.runbook.mttrMinutes ?? parsed.mttrMinutes },
    parsed, vars: (r.vars ?? {}) as Record<string, string>, steps,
    progress: { marked: markable.filter((m) => steps[m.key]).length, total: markable.length, failed: markable.filter((m) => steps[m.key]?.status === "failed").length },
  };
}

export const listIncidentRuns = cache(async (incidentId: string): Promise<RunView[]> => {
  const rows = await db.runbookRun.findMany({ where: { incidentId }, select: RUN_SELECT, orderBy: { startedAt: "desc" }, take: 20 });
  return rows.map(toView);
});

export const getRun = cache(async (runId: string) => {
  const row = await db.runbookRun.findUnique({ where: { id: runId }, select: RUN_SELECT });
  return row ? { incidentId: row.incidentId, run: toView(row) } : null;
});

export type RunSummary = { id: string; slug: string; title: string; drill: boolean; progress: RunView["progress"]; next: string | null; phase: string | null };

/** The active runs of an incident, light enough for the war room: progress and the next step. */
export async function listRunSummaries(incidentId: string): Promise<RunSummary[]> {
  const rows = await db.runbookRun.findMany({ where: { incidentId, status: "active" }, select: RUN_SELECT, orderBy: { startedAt: "asc" } });
  return rows.map((row) => {
    const r = toView(row);
    const next = markableSteps(r.parsed).find((m) => !r.steps[m.key]);
    const step = next ? r.parsed.phases[next.phase].steps[next.index] : null;
    return {
      id: r.id, slug: r.runbook.slug, title: r.runbook.title, drill: r.drill, progress: r.progress,
      next: step ? stepTitle(step) : null, phase: next ? r.parsed.phases[next.phase].title : null,
    };
  });
}

/** Per incident, the tightest MTTR target among the runbooks running on it. */
export async function activeRunMttr(incidentIds: string[]): Promise<Map<string, number>> {
  if (!incidentIds.length) return new Map();
  const rows = await db.runbookRun.findMany({
    where: { incidentId: { in: incidentIds }, status: "active", runbook: { mttrMinutes: { not: null } } },
    select: { incidentId: true, runbook: { select: { mttrMinutes: true } } },
  });
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.incidentId, Math.min(out.get(r.incidentId) ?? Infinity, r.runbook.mttrMinutes!));
  return out;
}
