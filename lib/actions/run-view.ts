import "server-only";
import { getActiveCatalog } from "@/lib/services/catalog-store";
import { findActionRun, listActionRuns } from "./run-queries";
import type { HealthSnapshot } from "./verify-rules";

// An action run as the UI shows it: the row, the action's title from the catalog, the rollback
// on offer, and what the person looking may do with it. Dates as ISO text (it goes over JSON).

type Row = NonNullable<Awaited<ReturnType<typeof findActionRun>>>;

export type ActionRunView = {
  id: string; service: string; serviceName: string; action: string; title: string; danger: string; status: string;
  params: Record<string, string | number>; targetHash: string; incidentId: string | null; runbookRunId: string | null; step: string | null;
  requestedByLabel: string; requestedByMe: boolean; approvedByLabel: string | null; approvedAt: string | null; expiresAt: string | null;
  deniedByLabel: string | null; denyReason: string | null;
  createdAt: string; startedAt: string | null; finishedAt: string | null; durationMs: number | null;
  output: string | null; outputBytes: number | null; outputDigest: string | null; error: string | null;
  healthBefore: HealthSnapshot | null; healthAfter: HealthSnapshot | null; verifyStatus: string | null; verifyDetail: string | null;
  rollback: { action: string; title: string } | null; rollbackOfId: string | null;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

async function enrich(rows: Row[], userId: string): Promise<ActionRunView[]> {
  const { catalog } = await getActiveCatalog();
  return rows.map((r) => {
    const svc = catalog.services.find((s) => s.slug === r.service);
    const action = svc?.actions.find((a) => a.name === r.action);
    const rollback = action?.rollback ? svc?.actions.find((a) => a.name === action.rollback) : undefined;
    return {
      id: r.id, service: r.service, serviceName: svc?.name ?? r.service, action: r.action, title: action?.title ?? r.action,
      danger: r.danger, status: r.status, params: r.params as Record<string, string | number>, targetHash: r.targetHash,
      incidentId: r.incidentId, runbookRunId: r.runbookRunId, step: r.step,
      requestedByLabel: r.requestedByLabel, requestedByMe: r.requestedById === userId,
      approvedByLabel: r.approvedByLabel, approvedAt: iso(r.approvedAt), expiresAt: iso(r.expiresAt),
      deniedByLabel: r.deniedByLabel, denyReason: r.denyReason,
      createdAt: r.createdAt.toISOString(), startedAt: iso(r.startedAt), finishedAt: iso(r.finishedAt), durationMs: r.durationMs,
      output: r.outputPreview, outputBytes: r.outputBytes, outputDigest: r.outputDigest, error: r.error,
      healthBefore: r.healthBefore as HealthSnapshot | null, healthAfter: r.healthAfter as HealthSnapshot | null,
      verifyStatus: r.verifyStatus, verifyDetail: r.verifyDetail,
      rollback: rollback ? { action: rollback.name, title: rollback.title } : null, rollbackOfId: r.rollbackOfId,
    };
  });
}

export async function getActionRunView(id: string, userId: string): Promise<ActionRunView | null> {
  const row = await findActionRun(id);
  return row ? (await enrich([row], userId))[0] : null;
}

/** Newest first, with their output (the list is short: one incident's or one service's runs). */
export async function listActionRunViews(filter: { incidentId?: string; service?: string }, userId: string, limit = 50): Promise<ActionRunView[]> {
  return enrich(await listActionRuns({ ...filter, limit }), userId);
}
