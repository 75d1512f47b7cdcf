// The reports list (/reports): incidents and reports seeded straight into the database with a
// unique tag (the report editor is tested on its own), then filtered through the page's form.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { test, expect, signIn, uniqueTag } from "./fixtures";

const MIN = 60_000;
const id = () => `e2e${randomUUID().replace(/-/g, "").slice(0, 20)}`;

type Seed = { name: string; severity: string; status: string; hoursAgo: number; report?: { status: string; revision?: number } };

/** One incident (resolved an hour after its start) and, when asked, its report. Returns its number. */
async function seedIncident(db: pg.Pool, tag: string, templateId: string, s: Seed): Promise<number> {
  const started = new Date(Date.now() - s.hoursAgo * 60 * MIN);
  const at = (m: number) => new Date(started.getTime() + m * MIN);
  const { rows } = await db.query(
    `INSERT INTO "Incident" (id, title, severity, status, "startedAt", "acknowledgedAt", "mitigatedAt", "resolvedAt", "closedAt", "updatedAt")
     VALUES ($1, $2, $3::"Severity", $4::"IncidentStatus", $5, $6, $7, $8, $9, now()) RETURNING id, number`,
    [id(), `${tag} ${s.name} outage`, s.severity, s.status, started, at(4), at(30), at(60), s.status === "closed" ? at(90) : null],
  );
  if (s.report) {
    const published = s.report.status === "published";
    await db.query(
      `INSERT INTO "Report" (id, "incidentId", "templateId", "templateVersion", title, status, revision, "publishedAt", "publishedByLabel", "createdByLabel", "updatedAt")
       VALUES ($1, $2, $3, 1, $4, $5::"ReportStatus", $6, $7, $8, 'alice@e2e.test', now())`,
      [id(), rows[0].id, templateId, `Review: ${s.name} ${tag}`, s.report.status, s.report.revision ?? 1, published ? new Date() : null, published ? "paula@e2e.test" : null],
    );
  }
  return rows[0].number;
}

async function seedAll(db: pg.Pool) {
  const tag = `rep${uniqueTag()}`;
  const { rows } = await db.query(
    `INSERT INTO "ReportTemplate" (id, slug, name, "updatedAt") VALUES ($1, $2, $3, now()) RETURNING id`,
    [id(), `${tag}-tpl`, `${tag} template`],
  );
  const t = rows[0].id as string;
  return {
    tag,
    draft: await seedIncident(db, tag, t, { name: "Draft", severity: "P1", status: "resolved", hoursAgo: 5, report: { status: "draft" } }),
    published: await seedIncident(db, tag, t, { name: "Published", severity: "P2", status: "closed", hoursAgo: 30, report: { status: "published", revision: 2 } }),
    review: await seedIncident(db, tag, t, { name: "Review", severity: "P3", status: "resolved", hoursAgo: 60, report: { status: "in_review" } }),
    owed: await seedIncident(db, tag, t, { name: "Owed", severity: "P2", status: "resolved", hoursAgo: 2 }),
  };
}

test("a viewer sees every report, what is still owed and the trend, and filters by status", async ({ page, db, createUser }) => {
  const s = await seedAll(db);
  await signIn(page, await createUser("viewer"));
  await page.goto(`/reports?q=${s.tag}`);
  await expect(page.getByRole("heading", { name: "Reports", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Templates", exact: true })).toHaveAttribute("href", "/reports/templates");
  const rows = page.getByTestId("reports-table").locator("tbody tr");
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId(`report-row-${s.draft}`).getByRole("link", { name: `Review: Draft ${s.tag}` })).toHaveAttribute("href", `/incidents/${s.draft}/report`);

  // Still owed: the resolved incident without a report, with a way to write it.
  const owed = page.getByTestId(`missing-report-${s.owed}`);
  await expect(owed).toContainText(`${s.tag} Owed outage`);
  await expect(owed.getByRole("link", { name: "Write the report", exact: true })).toHaveAttribute("href", `/incidents/${s.owed}/report`);

  // The trend: three reported incidents in the last 12 weeks, three charts.
  await expect(page.getByTestId("report-trend-caption")).toContainText("3 reported incidents");
  await expect(page.getByTestId("report-trend").getByRole("figure")).toHaveCount(3);
  await expect(page.getByTestId("report-trend").locator("svg.recharts-surface").first()).toBeVisible();
  await expect(page.getByTestId("headline-mtta")).toContainText("4m 00s");

  const form = page.getByRole("search", { name: "Filter reports" });
  await form.getByLabel("Status", { exact: true }).selectOption("published");
  await form.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(page).toHaveURL(/[?&]status=published(&|$)/);
  await expect(rows).toHaveCount(1);
  const published = page.getByTestId(`report-row-${s.published}`);
  await expect(published.getByTestId("report-status-badge")).toHaveText("Published");
  await expect(published).toContainText("rev 2");
  await expect(published).toContainText("by paula@e2e.test");
  await expect(page.getByTestId("report-trend-caption")).toContainText("1 reported incident ");
});

test("a viewer filters reports by severity and finds one by its INC number", async ({ page, db, createUser }) => {
  const s = await seedAll(db);
  await signIn(page, await createUser("viewer"));
  await page.goto(`/reports?q=${s.tag}`);
  const rows = page.getByTestId("reports-table").locator("tbody tr");
  await expect(rows).toHaveCount(3);
  const form = page.getByRole("search", { name: "Filter reports" });
  await form.getByLabel("P1", { exact: true }).check();
  await form.getByLabel("P3", { exact: true }).check();
  await form.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(page).toHaveURL(/severity=P1.*severity=P3/);
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId(`report-row-${s.draft}`).getByTestId("report-status-badge")).toHaveText("Draft");
  await expect(page.getByTestId(`report-row-${s.review}`).getByTestId("report-status-badge")).toHaveText("In review");
  // The owed P2 incident drops out of the callout with the severity filter.
  await expect(page.getByTestId(`missing-report-${s.owed}`)).toHaveCount(0);

  await page.goto("/reports");
  await form.getByLabel("Search", { exact: true }).fill(`INC-${s.review}`);
  await form.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=INC-${s.review}(&|$)`));
  await expect(page.getByTestId(`report-row-${s.review}`)).toBeVisible();
  await expect(page.getByTestId(`report-row-${s.draft}`)).toHaveCount(0);
});

test("with nothing matching, the page says how a report is written", async ({ page, createUser }) => {
  await signIn(page, await createUser("viewer"));
  await page.goto(`/reports?q=nothing-${uniqueTag()}`);
  await expect(page.getByTestId("reports-empty")).toContainText("open a resolved incident's page and choose Write the report");
  await expect(page.getByTestId("missing-reports")).toHaveCount(0);
  await expect(page.getByTestId("report-trend-empty")).toBeVisible();
});

test("GET /api/reports lists with the same filters and refuses a bad one", async ({ db, createUser, apiAs }) => {
  const s = await seedAll(db);
  const api = await apiAs(await createUser("viewer"));
  const ok = await api.get(`/api/reports?q=${s.tag}&status=published`);
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body.total).toBe(1);
  expect(body.items[0]).toMatchObject({ status: "published", revision: 2, incident: { number: s.published, severity: "P2" } });
  const bad = await api.get("/api/reports?status=finished");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toBe('Bad "status" filter: Status is draft, in_review, published or all.');
});
