import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appendAudit } from "@/lib/audit/mutations";
import type { Severity, Status } from "@/lib/incidents/rules";
import { ensureDefaultTemplates } from "@/lib/reports/ensure-defaults";
import { listMissingReports, listReports } from "@/lib/reports/list-queries";
import { filterError, reportFilterSchema, strictReportFilterSchema, type ReportStatus } from "@/lib/reports/list-schemas";
import { getReportTrend, trendWindow } from "@/lib/reports/trend";

// Rows are inserted straight with Prisma (the report editor's mutations live elsewhere); every
// title carries this run's tag, and every query searches for it, so other tests' rows never count.
const tag = `rl${randomUUID().slice(0, 8)}`;
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

type Seed = { key: string; severity: Severity; status: Status; daysAgo: number; services?: string[]; report?: { status: ReportStatus; template: string; revision?: number } };

let templates: { main: string; other: string };
const numbers: Record<string, number> = {};
const reportIds: Record<string, string> = {};

async function seed(s: Seed) {
  const started = ago(s.daysAgo);
  const resolved = ["resolved", "closed"].includes(s.status) ? new Date(started.getTime() + 60 * 60_000) : null;
  const incident = await db.incident.create({
    data: {
      title: `${tag} ${s.key} incident`, severity: s.severity, status: s.status, services: s.services ?? [], startedAt: started,
      acknowledgedAt: new Date(started.getTime() + 3 * 60_000), mitigatedAt: resolved, resolvedAt: resolved, closedAt: s.status === "closed" ? resolved : null,
    },
  });
  numbers[s.key] = incident.number;
  if (!s.report) return;
  const published = s.report.status === "published";
  const report = await db.report.create({
    data: {
      incidentId: incident.id, templateId: s.report.template, templateVersion: 1, title: `Review of ${s.key} ${tag}-r`, status: s.report.status,
      revision: s.report.revision ?? 1, createdByLabel: "alice", publishedAt: published ? new Date() : null, publishedByLabel: published ? "paula" : null,
      sections: { create: [{ key: "summary", title: "Summary", type: "markdown", position: 0 }] },
    },
  });
  reportIds[s.key] = report.id;
}

const filter = (raw: Record<string, unknown> = {}) => reportFilterSchema.parse({ q: tag, ...raw });
const keysOf = async (raw: Record<string, unknown> = {}) =>
  (await listReports(filter(raw))).items.map((r) => Object.keys(numbers).find((k) => numbers[k] === r.incident.number));

beforeAll(async () => {
  await ensureDefaultTemplates();
  const main = await db.reportTemplate.findFirstOrThrow({ where: { archived: false }, orderBy: { slug: "asc" } });
  const other = await db.reportTemplate.create({ data: { slug: `${tag}-tpl`, name: `${tag} template` } });
  templates = { main: main.id, other: other.id };
  const seeds: Seed[] = [
    { key: "a", severity: "P1", status: "resolved", daysAgo: 2, services: [`${tag}-api`], report: { status: "draft", template: templates.main } },
    { key: "b", severity: "P2", status: "resolved", daysAgo: 10, report: { status: "in_review", template: templates.other } },
    { key: "c", severity: "P3", status: "closed", daysAgo: 40, report: { status: "published", template: templates.main, revision: 2 } },
    { key: "old", severity: "P2", status: "closed", daysAgo: 200, report: { status: "published", template: templates.main } },
    { key: "owed", severity: "P2", status: "resolved", daysAgo: 3 },
    { key: "owedclosed", severity: "P1", status: "closed", daysAgo: 5 },
    { key: "open", severity: "P2", status: "investigating", daysAgo: 1 },
  ];
  for (const s of seeds) await seed(s);
});

describe("listReports", () => {
  it("lists every report with its incident, newest incident first", async () => {
    expect(await keysOf()).toEqual(["a", "b", "c", "old"]);
    const [a] = (await listReports(filter())).items;
    expect(a).toMatchObject({ status: "draft", revision: 1, template: { id: templates.main }, incident: { severity: "P1", services: [`${tag}-api`] } });
  });

  it("filters by status", async () => {
    expect(await keysOf({ status: "draft" })).toEqual(["a"]);
    expect(await keysOf({ status: "in_review" })).toEqual(["b"]);
    expect(await keysOf({ status: "published" })).toEqual(["c", "old"]);
    expect(await keysOf({ status: "all" })).toHaveLength(4);
  });

  it("filters by severities, service, template and incident start", async () => {
    expect(await keysOf({ severity: ["P1", "P3"] })).toEqual(["a", "c"]);
    expect(await keysOf({ severity: "P2" })).toEqual(["b", "old"]);
    expect(await keysOf({ service: `${tag}-api` })).toEqual(["a"]);
    expect(await keysOf({ template: templates.other })).toEqual(["b"]);
    expect(await keysOf({ from: ago(15).toISOString().slice(0, 10) })).toEqual(["a", "b"]);
    expect(await keysOf({ from: ago(60).toISOString().slice(0, 10), to: ago(5).toISOString().slice(0, 10) })).toEqual(["b", "c"]);
  });

  it("searches report titles, incident titles and INC numbers", async () => {
    expect(await keysOf({ q: `Review of b ${tag}-r` })).toEqual(["b"]);
    expect(await keysOf({ q: `${tag} c incident` })).toEqual(["c"]);
    const byRef = await listReports(reportFilterSchema.parse({ q: `INC-${numbers.c}` }));
    expect(byRef.items.map((r) => r.incident.number)).toContain(numbers.c);
    expect(byRef.items.every((r) => r.incident.number === numbers.c || r.title.includes(String(numbers.c)) || r.incident.title.includes(String(numbers.c)))).toBe(true);
  });

  it("says who edited last: a section edit, then a later audited change", async () => {
    const edited = new Date();
    await db.reportSection.updateMany({ where: { reportId: reportIds.b }, data: { content: "x", updatedAt: edited, updatedByLabel: "carol" } });
    let b = (await listReports(filter({ status: "in_review" }))).items[0];
    expect(b.lastEdited.by).toBe("carol");
    await db.$transaction((tx) => appendAudit(tx, { actor: { id: null, label: "dave" }, verb: "report.status", target: { type: "report", id: reportIds.b } }));
    b = (await listReports(filter({ status: "in_review" }))).items[0];
    expect(b.lastEdited.by).toBe("dave");
    const c = (await listReports(filter({ status: "published", severity: "P3" }))).items[0];
    expect(c).toMatchObject({ revision: 2, publishedByLabel: "paula" });
    expect(c.publishedAt).toBeInstanceOf(Date);
  });

  it("pages by 25", async () => {
    const page = `pg${randomUUID().slice(0, 8)}`; // its own tag: these 26 stay out of the other tests
    const incidents = Array.from({ length: 26 }, (_, i) => ({ id: `${page}-${i}`, title: `${page} #${i}`, severity: "P4" as const, status: "closed" as const, startedAt: ago(i + 1) }));
    await db.incident.createMany({ data: incidents });
    await db.report.createMany({ data: incidents.map((i) => ({ incidentId: i.id, templateId: templates.main, templateVersion: 1, title: `r ${i.title}`, createdByLabel: "alice" })) });
    const first = await listReports(reportFilterSchema.parse({ q: page }));
    expect(first).toMatchObject({ total: 26, page: 1, pageSize: 25 });
    expect(first.items).toHaveLength(25);
    expect(first.items[0].incident.title).toBe(`${page} #0`);
    const second = await listReports(reportFilterSchema.parse({ q: page, page: "2" }));
    expect(second.items.map((r) => r.incident.title)).toEqual([`${page} #25`]);
  });
});

describe("listMissingReports", () => {
  it("lists resolved and closed incidents without a report, and honours the incident filters", async () => {
    const missing = await listMissingReports(filter());
    expect(missing.items.map((i) => i.number).sort()).toEqual([numbers.owed, numbers.owedclosed].sort());
    expect(missing.total).toBe(2);
    expect((await listMissingReports(filter({ severity: "P1" }))).items.map((i) => i.number)).toEqual([numbers.owedclosed]);
    expect((await listMissingReports(reportFilterSchema.parse({ q: `INC-${numbers.owed}` }))).items.map((i) => i.number)).toContain(numbers.owed);
  });
});

describe("the trend", () => {
  it("charts the reported incidents of the last 12 weeks, or of the date filter", async () => {
    const trend = await getReportTrend(filter());
    expect(trend.incidents).toBe(3);
    expect(trend.totals.mtta).toMatchObject({ count: 3, meanMs: 3 * 60_000 });
    expect(trend.charts.mttr.length).toBeGreaterThanOrEqual(12);
    expect((await getReportTrend(filter({ from: ago(300).toISOString().slice(0, 10) }))).incidents).toBe(4);
    expect((await getReportTrend(filter({ status: "draft" }))).incidents).toBe(1);
  });

  it("clips a window wider than two years", () => {
    const now = new Date("2026-12-01T00:00:00Z");
    expect(trendWindow({}, now).from).toEqual(new Date(now.getTime() - 84 * DAY));
    expect(trendWindow({ from: new Date("2000-01-01") }, now)).toMatchObject({ clipped: true, from: new Date(now.getTime() - 728 * DAY) });
  });
});

describe("the filter schemas", () => {
  it("drops bad values one by one on the page, and refuses them in the API", () => {
    expect(reportFilterSchema.parse({ status: "nope", severity: "P9", page: "x", from: "soon", q: "ok" })).toMatchObject({ status: "all", severity: undefined, page: 1, from: undefined, q: "ok" });
    expect(reportFilterSchema.parse({ to: "2026-03-04" }).to).toEqual(new Date("2026-03-04T23:59:59.999Z"));
    const bad = strictReportFilterSchema.safeParse({ status: "nope" });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(filterError(bad.error)).toMatch(/^Bad "status" filter: Status is draft, in_review, published or all\.$/);
  });
});
