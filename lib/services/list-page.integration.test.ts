// The services list at fleet scale against PostgreSQL: pages worst first with search and status
// filter, the map's connected part with standalone services only counted, and deltas after an
// audit seq (one change → that service and its dependents; a catalog reload → reset).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadTestCatalog, withRestoredCatalog } from "@/lib/actions/testing-catalog";
import { appendAudit } from "@/lib/audit/mutations";
import { getLatestAuditSeq } from "@/lib/live/queries";
import { listServiceChanges } from "@/lib/services/changes";
import { getServiceMap, listServicePage, STANDALONE_INLINE } from "@/lib/services/list-page";
import { servicePageQuerySchema } from "@/lib/services/service-filter";
import type { CheckStatus } from "@/lib/services/types";
import { uniqueEmail } from "@/lib/testing/db";

const tag = uniqueEmail("fleet").split("@")[0];
const COUNT = 40;
const slug = (i: number) => `${tag}-${String(i).padStart(2, "0")}`;
const actor = { id: null, label: "fleet-test" };
// Services 1–3: 2 and 3 depend on 1. The rest stand alone (more than the map sends inline).
const catalog = `services:\n${Array.from({ length: COUNT }, (_, k) => {
  const i = k + 1;
  const deps = i === 2 || i === 3 ? `, dependsOn: [${slug(1)}]` : "";
  return `  - { slug: ${slug(i)}, name: Fleet ${String(i).padStart(2, "0")}, team: ${i % 2 ? "odd" : "even"}${deps} }`;
}).join("\n")}\n`;
const query = (q: Record<string, unknown>) => servicePageQuerySchema.parse(q);

async function setStatus(i: number, status: CheckStatus, reason: string | null = null) {
  await db.$transaction(async (tx) => {
    await tx.serviceState.upsert({ where: { slug: slug(i) }, create: { slug: slug(i), status, reason }, update: { status, reason, since: new Date() } });
    await appendAudit(tx, { actor, verb: "service.status", target: { type: "service", id: slug(i) }, after: { to: status, reason } });
  });
}

withRestoredCatalog();
beforeAll(async () => {
  await loadTestCatalog(catalog, `${tag}.yaml`);
  for (let i = 1; i <= COUNT; i++) await db.serviceState.upsert({ where: { slug: slug(i) }, create: { slug: slug(i), status: "up" }, update: { status: "up", reason: null } });
  await setStatus(30, "down", "HTTP 503");
  await setStatus(20, "degraded", "breaker open");
});

describe("listServicePage", () => {
  it("pages worst first: the failing services lead the first page", async () => {
    const first = await listServicePage(query({ per: 15 }));
    expect(first).toMatchObject({ total: COUNT, matched: COUNT, page: 1, pageCount: 3 });
    expect(first.rows).toHaveLength(15);
    expect(first.rows.slice(0, 2).map((r) => [r.slug, r.status])).toEqual([[slug(30), "down"], [slug(20), "degraded"]]);
    expect(first.counts).toMatchObject({ down: 1, degraded: 1, up: COUNT - 2 });
    const last = await listServicePage(query({ per: 15, page: 3 }));
    expect(last.rows).toHaveLength(COUNT - 30);
    expect(BigInt(last.cursor)).toBeGreaterThan(0n);
  });

  it("searches and filters by status", async () => {
    const found = await listServicePage(query({ q: "fleet 0" }));
    expect(found.rows.map((r) => r.slug)).toEqual(Array.from({ length: 9 }, (_, k) => slug(k + 1)));
    const failing = await listServicePage(query({ status: "failing" }));
    expect(failing.rows.map((r) => r.slug)).toEqual([slug(30), slug(20)]);
    const rowsDependingOn1 = await listServicePage(query({ q: `${tag}-02` }));
    expect(rowsDependingOn1.dependencyStatus).toEqual({ [slug(1)]: "up" });
  });
});

describe("getServiceMap", () => {
  it("sends the connected services and only counts the standalone ones", async () => {
    const map = await getServiceMap();
    const ours = map.nodes.filter((n) => n.slug.startsWith(tag)).map((n) => n.slug).sort();
    expect(ours).toEqual([slug(1), slug(2), slug(3)]);
    expect(map.standalone).toBeGreaterThanOrEqual(COUNT - 3);
    expect(map.standalone).toBeGreaterThan(STANDALONE_INLINE);
    expect(map.standaloneNodes).toBeNull();
    expect(map.standaloneFailing).toBe(2);
  });
});

describe("listServiceChanges", () => {
  it("answers the changed service and its dependents, nothing else", async () => {
    const cursor = await getLatestAuditSeq();
    expect(await listServiceChanges(cursor)).toMatchObject({ reset: false, changed: [] });
    await setStatus(2, "down", "HTTP 500");
    await setStatus(1, "down", "timeout");
    const delta = await listServiceChanges(cursor);
    if (delta.reset) throw new Error(`unexpected reset: ${delta.reason}`);
    expect(delta.changed.map((s) => [s.slug, s.status]).sort()).toEqual([[slug(1), "down"], [slug(2), "impacted"], [slug(3), "up"]]);
    expect(BigInt(delta.cursor)).toBeGreaterThan(cursor);
    expect(delta.counts).toMatchObject({ down: 2, impacted: 1, degraded: 1 });
    expect(await listServiceChanges(BigInt(delta.cursor))).toMatchObject({ reset: false, changed: [] });
  });

  it("resets after a catalog reload or on a cursor from the future", async () => {
    const cursor = await getLatestAuditSeq();
    expect(await listServiceChanges(cursor + 1000n)).toMatchObject({ reset: true });
    await loadTestCatalog(`${catalog}  - { slug: ${tag}-new, name: Newcomer }\n`, `${tag}.yaml`);
    expect(await listServiceChanges(cursor)).toMatchObject({ reset: true, reason: "the catalog was reloaded" });
  });
});
