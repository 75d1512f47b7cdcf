// Merging a delta into the page and map the browser holds: changed rows replace theirs, a row
// that leaves the filter goes, a newly failing service joins the first page at the top.
import { describe, expect, it } from "vitest";
import { mergeMap, mergePage } from "@/lib/services/merge-delta";
import type { HealthStatus, ServiceMap, ServicePage, ServiceSummary } from "@/lib/services/types";

function svc(slug: string, status: HealthStatus, extra: Partial<ServiceSummary> = {}): ServiceSummary {
  return {
    slug, name: slug.toUpperCase(), team: null, owner: null, tier: null, description: "", status, checkStatus: status === "impacted" ? "down" : status,
    reason: null, since: null, checkedAt: null, latencyMs: null, uptime24h: null, uptime7d: null, dependsOn: [], dependents: [], openIncidents: [],
    unmonitored: false, ...extra,
  };
}

function page(rows: ServiceSummary[], over: Partial<ServicePage> = {}): ServicePage {
  return { rows, total: 100, matched: rows.length, page: 1, pageCount: 1, per: 50, q: "", status: "all", counts: { up: 100 }, dependencyStatus: {}, cursor: "1", ...over };
}

describe("mergePage", () => {
  it("replaces a changed row and re-sorts worst first", () => {
    const merged = mergePage(page([svc("a", "up"), svc("b", "up")]), [svc("b", "down")], { up: 99, down: 1 }, 100);
    expect(merged.rows.map((r) => [r.slug, r.status])).toEqual([["b", "down"], ["a", "up"]]);
    expect(merged.counts).toEqual({ up: 99, down: 1 });
  });

  it("adds a newly failing service to the first page only, and when it matches the search", () => {
    const first = page([svc("alpha", "up")], { q: "al" });
    expect(mergePage(first, [svc("alps", "down")], {}, 100).rows.map((r) => r.slug)).toEqual(["alps", "alpha"]);
    expect(mergePage(first, [svc("beta", "down")], {}, 100).rows.map((r) => r.slug)).toEqual(["alpha"]);
    expect(mergePage({ ...first, page: 2 }, [svc("alps", "down")], {}, 100).rows.map((r) => r.slug)).toEqual(["alpha"]);
  });

  it("drops a row that no longer matches the status filter", () => {
    const failing = page([svc("a", "down"), svc("b", "degraded")], { status: "failing", matched: 2 });
    const merged = mergePage(failing, [svc("a", "up")], {}, 100);
    expect(merged.rows.map((r) => r.slug)).toEqual(["b"]);
    expect(merged.matched).toBe(1);
  });

  it("updates the status of dependencies the rows show", () => {
    const p = page([svc("a", "up", { dependsOn: ["db"] })], { dependencyStatus: { db: "up" } });
    expect(mergePage(p, [svc("db", "down")], {}, 100).dependencyStatus).toEqual({ db: "down" });
  });
});

describe("mergeMap", () => {
  it("recolours drawn nodes, keeps the shape, and takes the standalone failing count", () => {
    const node = (slug: string, status: HealthStatus) => ({ slug, name: slug, status, reason: null, tier: null, dependsOn: [] });
    const map: ServiceMap = { nodes: [node("a", "up"), node("b", "up")], standalone: 10, standaloneFailing: 0, standaloneNodes: null };
    const merged = mergeMap(map, [svc("b", "down"), svc("lonely", "down")], 1);
    expect(merged.nodes.map((n) => [n.slug, n.status])).toEqual([["a", "up"], ["b", "down"]]);
    expect(merged).toMatchObject({ standalone: 10, standaloneFailing: 1, standaloneNodes: null });
  });
});
