// Which services a page of the services list shows, and in what order: shared by the server
// (which pages the list) and the browser (which merges live deltas into the page it holds).
import { z } from "zod";
import type { HealthStatus, ServiceSummary } from "@/lib/services/types";

export const STATUS_FILTERS = ["all", "failing", "down", "impacted", "degraded", "unknown", "up"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const DEFAULT_PER_PAGE = 25;

export const servicePageQuerySchema = z.object({
  q: z.string().trim().max(100, "Search at most 100 characters.").default(""),
  status: z.enum(STATUS_FILTERS, { error: `status is one of ${STATUS_FILTERS.join(", ")}.` }).default("all"),
  page: z.coerce.number().int().min(1, "page starts at 1.").max(10_000).default(1),
  per: z.coerce.number().int().min(1).max(200, "At most 200 services per page.").default(DEFAULT_PER_PAGE),
});
export type ServicePageQuery = z.infer<typeof servicePageQuerySchema>;

/** A page query from URL search params; anything invalid falls back to the default. */
export function pageQueryFrom(params: Record<string, string | string[] | undefined>): ServicePageQuery {
  const pick = (k: string) => (Array.isArray(params[k]) ? params[k][0] : params[k]) || undefined;
  const parsed = servicePageQuerySchema.safeParse({ q: pick("q"), status: pick("status"), page: pick("page"), per: pick("per") });
  return parsed.success ? parsed.data : servicePageQuerySchema.parse({});
}

export const STATUS_RANK: Record<HealthStatus, number> = { down: 0, impacted: 1, degraded: 2, unknown: 3, up: 4 };

type Sortable = { status: HealthStatus; tier: number | null; name: string };

/** Failing first (a responder sees what is broken), then the most critical tier, then by name. */
export function compareWorstFirst(a: Sortable, b: Sortable): number {
  return STATUS_RANK[a.status] - STATUS_RANK[b.status] || (a.tier ?? 99) - (b.tier ?? 99) || a.name.localeCompare(b.name);
}

type Filterable = Pick<ServiceSummary, "slug" | "name" | "status" | "team" | "owner">;

export function matchesStatus(status: HealthStatus, filter: StatusFilter): boolean {
  if (filter === "all") return true;
  if (filter === "failing") return status === "down" || status === "impacted" || status === "degraded";
  return status === filter;
}

/** Case-insensitive match on slug, name, team or owner. */
export function matchesSearch(s: Filterable, q: string): boolean {
  if (!q) return true;
  const needle = q.toLowerCase();
  return [s.slug, s.name, s.team, s.owner].some((v) => v?.toLowerCase().includes(needle));
}

export const matchesQuery = (s: Filterable, query: Pick<ServicePageQuery, "q" | "status">) =>
  matchesStatus(s.status, query.status) && matchesSearch(s, query.q);

/** The URL search string of a page query, defaults left out ("" for the first page of all). */
export function pageQueryString(query: ServicePageQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.status !== "all") params.set("status", query.status);
  if (query.page !== 1) params.set("page", String(query.page));
  if (query.per !== DEFAULT_PER_PAGE) params.set("per", String(query.per));
  const s = params.toString();
  return s ? `?${s}` : "";
}
