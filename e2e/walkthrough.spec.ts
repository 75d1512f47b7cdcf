// The quick-start walkthrough, as a new user meets it (issue 15): a demo service goes down, a
// health rule opens the incident on its own, a responder acknowledges it and follows the linked
// runbook as a guided run, requests the runbook's recovery action, an admin approves it from
// another browser, the action runs and is verified by the service's health, the incident is
// resolved, and the report is created and exported. CI runs the whole e2e suite on the embedded
// database as well as on PostgreSQL 15, so this journey runs on both.
// Its own project, after "recovery" (playwright.config.ts): it takes whole services down in the
// shared fleet.
import type pg from "pg";
import type { Page } from "@playwright/test";
import { test, expect, signIn, type TestUser } from "./fixtures";

test.describe.configure({ mode: "parallel", timeout: 240_000 });

const FLEET = process.env.SITREP_FLEET_URL ?? "";
const TOKEN = process.env.SITREP_FLEET_TOKEN ?? "";
/** The promise: a down service opens an incident within 90 s. */
const DETECT_MS = 90_000;
const HEALTH_TIMEOUT = 60_000;

type Journey = {
  service: string; fault: string;
  /** the services an alert on this one would join an open incident of (itself and its catalog neighbours) */
  related: string[];
  /** the seed runbook and its section that answers the fault (lib/runbooks/demo.ts) */
  runbook: string;
  /** the step's action; `approval` when the catalog wants a second person */
  action: string; approval: boolean;
};

const JOURNEYS: Journey[] = [
  { service: "beacon-runner", fault: "runner-down", related: ["beacon-runner"], runbook: "beacon-runner-runbook.md#runner-down", action: "beacon-runner/restart", approval: true },
  { service: "nats", fault: "nats-down", related: ["nats", "beamline-router"], runbook: "beamline-router-recovery.md#nats-recovery", action: "nats/restart", approval: false },
  { service: "fondation-worker", fault: "worker-not-processing", related: ["fondation-worker"], runbook: "fondation-worker-runbook.md#worker-not-processing-jobs", action: "fondation-worker/restart", approval: false },
];

async function fault(method: "POST" | "DELETE", j: Journey) {
  const res = await fetch(`${FLEET}/${j.service}/faults/${j.fault}`, { method, headers: { authorization: `Bearer ${TOKEN}` } });
  if (method === "POST") expect(res.ok, `${method} ${j.service}/faults/${j.fault}: HTTP ${res.status}`).toBeTruthy();
}

/** Other specs leave incidents open on the demo services; an alert would join those (one outage, one incident). */
async function closeOpenIncidentsOn(db: pg.Pool, services: string[]) {
  await db.query(`UPDATE "Incident" SET status = 'closed', "closedAt" = now() WHERE status <> 'closed' AND services && $1::text[]`, [services]);
}

/** The incident a rule opened for this service since `since` (an alert row may be older: it fired before), once there is one. */
async function ruleIncident(db: pg.Pool, service: string, since: Date): Promise<{ number: number; alertname: string } | null> {
  const { rows } = await db.query(
    `SELECT i.number, a.alertname FROM "Alert" a JOIN "AlertGroup" g ON g.id = a."groupId" JOIN "Incident" i ON i.id = a."incidentId"
      WHERE g.source = 'rule' AND a.status = 'firing' AND a.labels->>'service' = $1 AND i."createdAt" >= $2 AND i.status <> 'closed'
      ORDER BY i."createdAt" LIMIT 1`,
    [service, since],
  );
  return rows[0] ?? null;
}

async function seedRunbookSlug(db: pg.Pool, ref: string): Promise<string> {
  const [source, key] = ref.split("#");
  const { rows } = await db.query(`SELECT slug FROM "Runbook" WHERE source = $1 AND "sourceKey" = $2`, [source, key]);
  expect(rows, `the seed runbook ${ref} (imported by recovery.setup.ts)`).toHaveLength(1);
  return rows[0].slug as string;
}

async function requestAction(page: Page, j: Journey) {
  const button = page.locator(`[data-testid="action-button"][data-action="${j.action}"]`).first();
  const step = page.getByTestId("step").filter({ has: button }).first();
  await button.click();
  const dialog = page.getByTestId("action-dialog");
  const destructive = dialog.getByLabel(`Type ${j.service} to confirm`);
  if (await destructive.count()) await destructive.fill(j.service);
  await dialog.getByRole("button", { name: j.approval ? "Request approval" : /^Run/ }).click();
  await expect(dialog).toBeHidden();
  return step;
}

/** The second person: signs in elsewhere, approves the request on the incident page with their password. */
async function approveOnIncidentPage(page: Page, admin: TestUser, incident: number, action: string) {
  await signIn(page, admin);
  await page.goto(`/incidents/${incident}`);
  const card = page.getByTestId("action-run").and(page.locator(`[data-status="awaiting_approval"][data-action="${action}"]`));
  await expect(card).toBeVisible({ timeout: 15_000 });
  await card.getByLabel("Your password, to confirm").fill(admin.password);
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("action-run").and(page.locator(`[data-status="requested"][data-action="${action}"]`))).toBeVisible({ timeout: 20_000 });
}

for (const j of JOURNEYS) {
  test(`${j.service} ${j.fault}: detected, fixed from its runbook, resolved and reported`, async ({ page, db, createUser, freshPage }) => {
    const responder = await createUser("responder");
    const admin = await createUser("admin");
    const slug = await seedRunbookSlug(db, j.runbook);
    await closeOpenIncidentsOn(db, j.related);
    const injectedAt = new Date(Date.now() - 1000);
    await fault("POST", j);
    try {
      // Detected by Sitrep's own health rule, no human involved.
      await expect.poll(() => ruleIncident(db, j.service, injectedAt), { timeout: DETECT_MS, intervals: [2000] }).not.toBeNull();
      const found = (await ruleIncident(db, j.service, injectedAt))!;
      const detectedIn = (Date.now() - injectedAt.getTime()) / 1000;
      console.log(`[walkthrough] ${j.service}/${j.fault}: ${found.alertname} opened INC-${found.number} in ${detectedIn.toFixed(0)} s`);

      await signIn(page, responder);
      await page.goto("/incidents");
      await expect(page.getByRole("link", { name: new RegExp(`INC-${found.number}\\b`) }).first()).toBeVisible();
      await page.goto(`/incidents/${found.number}`);
      const alerts = page.getByTestId("incident-alerts");
      await expect(alerts).toContainText(found.alertname);
      await expect(alerts.getByTestId("alert-runbook").first()).toBeVisible();
      await page.getByRole("button", { name: "Acknowledge", exact: true }).click();
      await expect(page.getByTestId("status-badge").first()).toHaveText("Acknowledged");

      // The runbook, as a guided run on this incident.
      await page.goto(`/runbooks/${slug}`);
      await page.getByLabel("Incident", { exact: true }).selectOption({ value: await incidentOption(page, found.number) });
      await page.getByRole("button", { name: "Start guided run" }).click();
      await expect(page).toHaveURL(new RegExp(`/incidents/${found.number}/runbooks/`));
      const step = await requestAction(page, j);
      if (j.approval) {
        await expect(step.getByTestId("step-action-status")).toHaveAttribute("data-status", "awaiting_approval");
        await approveOnIncidentPage(await freshPage(), admin, found.number, j.action);
        await page.getByTestId("action-runs").getByTestId("run-now").click();
      }
      await expect(step.getByTestId("step-action-status")).toHaveText(/succeeded · verified/, { timeout: HEALTH_TIMEOUT });

      // Healthy again: the rule resolves and the incident is mitigated by itself; a human resolves it.
      await page.goto(`/incidents/${found.number}`);
      await expect(page.getByTestId("status-badge").first()).toHaveText("Mitigated", { timeout: HEALTH_TIMEOUT });
      await page.getByRole("button", { name: "Resolve", exact: true }).click();
      await expect(page.getByTestId("status-badge").first()).toHaveText("Resolved");
      const timeline = page.getByTestId("timeline");
      await expect(timeline.locator('[data-event="action.finish"]')).toContainText(`${j.action} succeeded`);
      await expect(timeline.locator('[data-event="action.verify"]')).toContainText(`${j.action} verified`);
      if (j.approval) await expect(timeline.locator('[data-event="action.approve"]')).toContainText("confirmed by password");

      // The report: created from the default template, prefilled with the recovery action, exported.
      await page.getByTestId("report-card").getByRole("link", { name: "Write the report" }).click();
      await page.getByRole("button", { name: "Create the report" }).click();
      await expect(page).toHaveURL(new RegExp(`/incidents/${found.number}/report$`));
      await expect(page.getByTestId("report-status-badge")).toHaveAttribute("data-status", "draft");
      const exported = await page.request.get(`/api/reports/${found.number}/markdown`);
      expect(exported.status()).toBe(200);
      const markdown = await exported.text();
      expect(markdown).toContain(`# INC-${found.number} `);
      expect(markdown).toMatch(/succeeded/);
    } finally {
      await fault("DELETE", j).catch(() => undefined);
    }
  });
}

/** The value of the guided-run form's option for this incident (its label carries the title). */
async function incidentOption(page: Page, number: number): Promise<string> {
  const option = page.getByLabel("Incident", { exact: true }).locator("option", { hasText: new RegExp(`^INC-${number} `) });
  await expect(option).toHaveCount(1);
  return (await option.getAttribute("value"))!;
}
