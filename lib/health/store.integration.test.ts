// One batch of check results is one transaction on the real database: the checks, every service's
// state, each status change's audit entry and its line on an open incident's timeline commit
// together (PostgreSQL stamps every row a transaction writes with the same xmin).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { CheckResult } from "@/lib/health/check";
import { recordChecks, SeriesIds } from "@/lib/health/store";
import { declareIncident } from "@/lib/incidents/mutations";
import { uniqueEmail } from "@/lib/testing/db";

const tag = uniqueEmail("batch").split("@")[0].replace(/[^a-z0-9-]/g, "-");
const slugs = Array.from({ length: 30 }, (_, i) => `${tag}-svc-${i}`);
const result = (slug: string, status: CheckResult["status"]): CheckResult => ({
  slug, at: new Date(), status, reason: status === "down" ? "HTTP 503" : null, latencyMs: 4, subChecks: [], samples: [],
});
const describeChange = (c: { to: string; reason: string | null }) => ({ status: c.to, reason: c.reason });

async function xmins(table: string, column: string, ids: string[]) {
  const rows = await db.$queryRawUnsafe<{ x: string }[]>(`SELECT xmin::text AS x FROM "${table}" WHERE "${column}"::text = ANY($1::text[])`, ids);
  return rows.map((r) => r.x);
}

describe("a batch of check results", () => {
  it("writes every status change, its audit entry and its timeline event in one transaction", async () => {
    await recordChecks(slugs.map((s) => result(s, "up")), new SeriesIds(), describeChange);
    const incident = await declareIncident({ id: null, label: "store-test" }, { title: `Outage ${tag}`, severity: "P2", services: slugs.slice(0, 2), summary: "" });

    // One tick: 10 of the 30 services went down.
    const changes = await recordChecks(slugs.map((s, i) => result(s, i < 10 ? "down" : "up")), new SeriesIds(), describeChange);
    expect(changes.map((c) => c.slug).sort()).toEqual(slugs.slice(0, 10).sort());

    const audit = await db.auditEntry.findMany({
      where: { OR: [{ verb: "service.status", targetId: { in: slugs.slice(0, 10) } }, { verb: "incident.service-status", targetId: String(incident.id) }] },
      select: { seq: true, verb: true, after: true },
      orderBy: { seq: "asc" },
    });
    const downs = audit.filter((a) => (a.after as { to?: string }).to === "down");
    expect(downs.filter((a) => a.verb === "service.status")).toHaveLength(10);
    expect(downs.filter((a) => a.verb === "incident.service-status")).toHaveLength(2);
    const events = await db.timelineEvent.findMany({ where: { incidentId: incident.id, kind: "health" }, select: { id: true } });
    expect(events).toHaveLength(2);

    const states = await xmins("ServiceState", "slug", slugs.slice(0, 10));
    const entries = await xmins("AuditEntry", "seq", downs.map((a) => a.seq.toString()));
    const timeline = await xmins("TimelineEvent", "id", events.map((e) => String(e.id)));
    expect(new Set([...states, ...entries, ...timeline]).size).toBe(1);
    // The batch's entries sit together on the chain, nothing of another writer between them.
    const seqs = downs.map((a) => Number(a.seq));
    expect(seqs.at(-1)! - seqs[0]).toBe(seqs.length - 1);
  });

  it("writes nothing of a batch that fails", async () => {
    const before = await db.auditEntry.count({ where: { verb: "service.status", targetId: { in: slugs } } });
    const bad = { ...result(slugs[0], "down"), status: "sideways" as CheckResult["status"] };
    await expect(recordChecks([result(slugs[15], "down"), bad], new SeriesIds(), describeChange)).rejects.toThrow();
    expect(await db.auditEntry.count({ where: { verb: "service.status", targetId: { in: slugs } } })).toBe(before);
    expect((await db.serviceState.findUnique({ where: { slug: slugs[15] } }))?.status).toBe("up");
  });
});
