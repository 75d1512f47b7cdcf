// The war room's strip against the database: only failing catalog services, worst first, the
// open incidents covering them, refreshed when anything audited changes. And declaring from a
// service with its runbook: the incident page then suggests that runbook first.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadTestCatalog, withRestoredCatalog } from "@/lib/actions/testing-catalog";
import { declareIncident } from "@/lib/incidents/mutations";
import { declareIncidentSchema } from "@/lib/incidents/schemas";
import { listServiceRunbooks, runbookExists, suggestRunbooks } from "@/lib/runbooks/queries";
import { getHealthStrip } from "@/lib/services/health-strip-query";
import type { CheckStatus } from "@/lib/services/types";
import { uniqueEmail } from "@/lib/testing/db";

const tag = uniqueEmail("strip").split("@")[0];
const [runner, router, bus, cache, web] = ["runner", "router", "bus", "cache", "web"].map((s) => `${tag}-${s}`);
const actor = { id: null, label: "strip-test" };
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

const catalog = `services:
  - { slug: ${runner}, name: Runner, tier: 1 }
  - { slug: ${router}, name: Router, tier: 2, dependsOn: [${bus}] }
  - { slug: ${bus}, name: Bus, tier: 0 }
  - { slug: ${cache}, name: Cache }
  - { slug: ${web}, name: Web, tier: 1 }
`;

async function setState(slug: string, status: CheckStatus, since: Date, reason: string | null = null) {
  await db.serviceState.upsert({ where: { slug }, create: { slug, status, since, reason }, update: { status, since, reason } });
}

async function seedRunbook(suffix: string, data: { services?: string[]; kind?: string; lastUsedAt?: Date; archived?: boolean } = {}) {
  const slug = `${tag}-${suffix}`;
  await db.runbook.create({ data: { slug, title: `Runbook ${suffix}`, source: `${tag}.md`, sourceKey: suffix, lastEditedBy: "strip-test", ...data } });
  return slug;
}

withRestoredCatalog();
beforeAll(async () => {
  await loadTestCatalog(catalog, `${tag}.yaml`);
  await setState(runner, "down", minutesAgo(4), "HTTP 503");
  await setState(router, "down", minutesAgo(3), "HTTP 503");
  await setState(bus, "down", minutesAgo(5), "timeout after 5 s");
  await setState(cache, "degraded", minutesAgo(10), "Convex: disconnected");
  await setState(web, "up", minutesAgo(60));
});

describe("getHealthStrip", () => {
  it("lists only the failing services, worst first, with since and the incidents covering them", async () => {
    const incident = await declareIncident(actor, { title: "Runner is down", severity: "P1", services: [runner], summary: "" });
    const strip = await getHealthStrip();
    expect(strip).toMatchObject({ total: 5, up: 1, unknown: 0 });
    expect(strip.failing.map((s) => [s.slug, s.status])).toEqual([[bus, "down"], [runner, "down"], [cache, "degraded"], [router, "impacted"]]);
    expect(strip.counts).toEqual({ down: 2, degraded: 1, impacted: 1 });
    expect(strip.more).toBe(0);
    const r = strip.failing.find((s) => s.slug === runner)!;
    expect(r).toMatchObject({ name: "Runner", tier: 1, reason: "HTTP 503", openIncidents: [{ number: incident.number, severity: "P1", status: "triggered" }] });
    expect(Date.now() - Date.parse(r.since)).toBeGreaterThanOrEqual(4 * 60_000);
    expect(strip.failing.find((s) => s.slug === router)!.reason).toMatch(new RegExp(`depends on ${bus}, which is down`));
  });

  it("follows a change as soon as it is audited", async () => {
    expect((await getHealthStrip()).failing.find((s) => s.slug === cache)!.openIncidents).toEqual([]);
    const incident = await declareIncident(actor, { title: "Cache is degraded", severity: "P3", services: [cache], summary: "" });
    expect((await getHealthStrip()).failing.find((s) => s.slug === cache)!.openIncidents.map((i) => i.number)).toEqual([incident.number]);
  });
});

describe("declaring from a failing service with its runbook", () => {
  it("offers the service's runbooks (linked, or bound by its alert rules), scenarios and the most recently used first", async () => {
    const old = await seedRunbook("old", { services: [runner] });
    const recent = await seedRunbook("recent", { services: [runner], lastUsedAt: new Date() });
    const section = await seedRunbook("section", { services: [runner], kind: "section", lastUsedAt: new Date() });
    const bound = await seedRunbook("bound");
    await seedRunbook("archived", { services: [runner], archived: true });
    // Never used ones by title: "Runbook bound" before "Runbook old".
    expect((await listServiceRunbooks(runner, [bound])).map((r) => r.slug)).toEqual([recent, bound, old, section]);
    expect(await runbookExists(old)).toBe(true);
    expect(await runbookExists(`${tag}-archived`)).toBe(false);
    expect(await runbookExists(`${tag}-nope`)).toBe(false);
  });

  it("suggests the runbook chosen when declaring first on the incident, and audits it", async () => {
    const chosen = `${tag}-old`;
    const input = declareIncidentSchema.parse({ title: "Runner is down", severity: "P1", services: runner, summary: "", runbook: chosen });
    const incident = await declareIncident(actor, input);
    const suggested = await suggestRunbooks({ id: incident.id, services: [runner], title: "Runner is down", summary: "" });
    expect(suggested[0].slug).toBe(chosen);
    const declared = await db.timelineEvent.findFirstOrThrow({ where: { incidentId: incident.id, kind: "declared" } });
    expect(declared.data).toMatchObject({ runbook: chosen });
    const audit = await db.auditEntry.findFirstOrThrow({ where: { targetId: incident.id, verb: "incident.declare" } });
    expect(audit.after).toMatchObject({ runbook: chosen });
  });

  it("accepts no runbook, and refuses a runbook that is not a slug", () => {
    expect(declareIncidentSchema.parse({ title: "Runner is down", severity: "P1", runbook: "" }).runbook).toBeUndefined();
    expect(declareIncidentSchema.safeParse({ title: "Runner is down", severity: "P1", runbook: "../etc" }).success).toBe(false);
  });
});
