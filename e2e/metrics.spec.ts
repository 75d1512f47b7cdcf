// The MTTx metrics page: incidents seeded with known times for a service of their own (other tests
// declare incidents too, so only that service's row is asserted), one with an acknowledgement
// stamped before its start: excluded from MTTA, and counted.
import type pg from "pg";
import { test, expect, signIn, uniqueTag } from "./fixtures";

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

type Seeded = { daysAgo: number; ack: number | null; mitigated: number | null; resolved: number | null };

/** Incidents for one service: times in minutes after the start (negative: before it). */
async function seedIncidents(db: pg.Pool, service: string, incidents: Seeded[]) {
  const now = Date.now();
  for (const [n, i] of incidents.entries()) {
    const started = now - i.daysAgo * DAY;
    const at = (m: number | null) => (m === null ? null : new Date(started + m * MIN));
    await db.query(
      `INSERT INTO "Incident" (id, title, severity, status, services, "startedAt", "acknowledgedAt", "mitigatedAt", "resolvedAt", "updatedAt")
       VALUES ($1, $2, 'P2', $3, $4, $5, $6, $7, $8, now())`,
      [`e2e-${service}-${n}`, `Metrics e2e ${service} #${n}`, i.resolved === null ? "mitigated" : "resolved", [service], new Date(started), at(i.ack), at(i.mitigated), at(i.resolved)],
    );
  }
}

test("a viewer sees MTTA, MTTM and MTTR for a service, with the invalid interval excluded and counted", async ({ page, db, createUser }) => {
  const service = `metrics-${uniqueTag()}`;
  await seedIncidents(db, service, [
    { daysAgo: 1, ack: 4, mitigated: 30, resolved: 60 },
    { daysAgo: 2, ack: 6, mitigated: 50, resolved: 120 },
    { daysAgo: 3, ack: -2, mitigated: null, resolved: 90 }, // acknowledged "before" it started: invalid
    { daysAgo: 20, ack: 10, mitigated: 10, resolved: 10 }, // only in the 30-day range
  ]);
  const viewer = await createUser("viewer");
  await signIn(page, viewer);

  await page.goto("/incidents/metrics?by=service");
  await expect(page.getByRole("heading", { name: "MTTx metrics" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Range" }).getByRole("link", { name: "30 days" })).toHaveAttribute("aria-current", "page");
  const row = () => page.getByTestId("mttx-table").getByRole("row").filter({ hasText: service });
  const cells = () => row().getByRole("cell");

  // 30 days: all four. MTTA (4 + 6 + 10) / 3, MTTM (30 + 50 + 10) / 3, MTTR (60 + 120 + 90 + 10) / 4.
  await expect(row()).toHaveCount(1);
  await expect(cells().nth(0)).toHaveText("4");
  await expect(cells().nth(1)).toContainText("6m 40s");
  await expect(cells().nth(1)).toContainText("3 measured · 1 invalid");
  await expect(cells().nth(2)).toContainText("30m 00s");
  await expect(cells().nth(2)).toContainText("3 measured");
  await expect(cells().nth(3)).toContainText("1h 10m");
  await expect(cells().nth(3)).toContainText("4 measured");
  await expect(cells().nth(4)).toHaveText("1");
  // The headline says so too (other tests' incidents may add to the count, never remove ours).
  await expect(page.getByTestId("headline-mtta")).toContainText(/[1-9][\d,]* invalid intervals? excluded/);
  await expect(page.getByRole("figure")).toHaveCount(3);

  // 7 days: the incident from 20 days ago drops out.
  await page.getByRole("navigation", { name: "Range" }).getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/[?&]range=7d(&|$)/);
  await expect(page).toHaveURL(/[?&]by=service(&|$)/);
  await expect(cells().nth(0)).toHaveText("3");
  await expect(cells().nth(1)).toContainText("5m 00s");
  await expect(cells().nth(1)).toContainText("2 measured · 1 invalid");
  await expect(cells().nth(2)).toContainText("40m 00s");
  await expect(cells().nth(3)).toContainText("1h 30m");
  await expect(cells().nth(4)).toHaveText("1");
});

test("grouped by severity, the page shows the acknowledgement and response targets", async ({ page, db, createUser }) => {
  const service = `metrics-${uniqueTag()}`;
  await seedIncidents(db, service, [{ daysAgo: 1, ack: 3, mitigated: 20, resolved: 40 }]);
  await signIn(page, await createUser("viewer"));
  await page.goto("/incidents/metrics");
  await expect(page.getByRole("navigation", { name: "Group by" }).getByRole("link", { name: "Severity" })).toHaveAttribute("aria-current", "page");
  const p2 = page.getByTestId("mttx-table").getByRole("row").filter({ has: page.getByRole("rowheader", { name: /P2/ }) });
  await expect(p2).toContainText("Response target: under 1 hour");
  await expect(p2).toContainText(/MTTA (within|over) 5m 00s/);
  await expect(page.getByTestId("headline-mtta")).toContainText(/(Within|Over) the 5m 00s acknowledgement target/);
});

test("the metrics page needs a signed-in user", async ({ page }) => {
  await page.goto("/incidents/metrics");
  await expect(page).toHaveURL(/\/login/);
});
