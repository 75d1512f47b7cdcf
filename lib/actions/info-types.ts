// Shared by server pages and client components (no server-only imports).
import type { CatalogAction } from "@/lib/services/catalog-schema";

export type ActionInfo = {
  service: string;
  serviceName: string;
  name: string;
  title: string;
  description: string;
  danger: "safe" | "caution" | "destructive";
  approval: boolean;
  timeoutMs: number;
  params: CatalogAction["params"];
  verify: string | null;
  rollback: string | null;
};

/** Where a run was started from: recorded with it, and on the incident's timeline. */
export type ActionContext = { incidentId?: string | null; runbookRunId?: string | null; step?: string | null };

export const ACTIVE_STATUSES = new Set(["requested", "awaiting_approval", "running"]);

export const STATUS_LABEL: Record<string, string> = {
  requested: "requested", awaiting_approval: "awaiting approval", running: "running", succeeded: "succeeded",
  failed: "failed", timed_out: "timed out", denied: "denied", interrupted: "interrupted",
};
