import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";

// What a UI shows of an action run. The output preview is already capped and masked.
export const ACTION_RUN_SELECT = {
  id: true, service: true, action: true, params: true, danger: true, targetHash: true, status: true,
  incidentId: true, runbookRunId: true, step: true,
  requestedById: true, requestedByLabel: true, approvedById: true, approvedByLabel: true, approvedAt: true, expiresAt: true,
  startedAt: true, finishedAt: true, durationMs: true, outputPreview: true, outputBytes: true, outputDigest: true, error: true,
  approvedHash: true, deniedByLabel: true, denyReason: true, healthBefore: true, healthAfter: true,
  verifyStatus: true, verifyDetail: true, rollbackOfId: true, createdAt: true,
} as const;

/** Uncached: mutations read the row they just wrote (a request-scoped cache would return the old one). */
export const findActionRun = (id: string) => db.actionRun.findUnique({ where: { id }, select: ACTION_RUN_SELECT });

/** For pages: one read per request. */
export const getActionRun = cache(findActionRun);

/** Newest first, with each run's (capped, masked) output. */
export function listActionRuns(filter: { incidentId?: string; service?: string; limit?: number } = {}) {
  return db.actionRun.findMany({
    where: { ...(filter.incidentId ? { incidentId: filter.incidentId } : {}), ...(filter.service ? { service: filter.service } : {}) },
    orderBy: { createdAt: "desc" },
    take: filter.limit ?? 100,
    select: ACTION_RUN_SELECT,
  });
}
