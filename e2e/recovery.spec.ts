// The five seed systems, fixed from their runbooks: a fault injected in the demo fleet, an
// incident on it, the seed runbook followed as a guided run, the bound step's action pressed
// (with a second person's approval where the catalog asks for one), then the service's health
// recovering and the timeline recording the request, the run and its verification.
// Runs after the other specs (playwright.config.ts "recovery" project): the fleet is shared.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Page } from "@playwright/test";
import { test, expect, signIn, uniqueTag, type TestUser } from "./fixtures";

test.describe.configure({ mode: "parallel", timeout: 120_000 });

const FLEET = process.env.SITREP_FLEET_URL ?? "";
const TOKEN = process.env.SITREP_FLEET_TOKEN ?? "";
/** Health is polled every 2 s; a verification checks within 60 s. */
const HEALTH_TIMEOUT = 45_000;

type Scenario = {
  /** runbook: the seed file and the runbook's key in it (its slug may carry a suffix when other tests imported the same file name) */
  system: string; services: string[]; service: string; fault: string; runbook: string; action: string;
  params?: Record<string, string>; approval?: boolean;
};

const SCENARIOS: Scenario[] = [
  { system: "Beacon runner", services: ["beacon-runner"], service: "beacon-runner", fault: "circuit-open", runbook: "beacon-runner-runbook.md#circuit-breaker-management", action: "beacon-runner/reset-circuit-breakers", params: { Breaker: "yagna" } },
  { system: "Fondation worker", services: ["fondation-worker"], service: "fondation-worker", fault: "expired-leases", runbook: "fondation-worker-runbook.md#jobs-stuck-in-running-state", action: "fondation-worker/reclaim-expired-leases" },
  { system: "Beamline router", services: ["beamline-router", "nats"], service: "nats", fault: "nats-down", runbook: "beamline-router-recovery.md#nats-recovery", action: "nats/restart" },
  { system: "AITBC coordinator", services: ["aitbc-coordinator", "aitbc-postgres"], service: "aitbc-postgres", fault: "postgres-down", runbook: "aitbc-incident-runbooks.md#database-failure", action: "aitbc-postgres/restart", approval: true },
  { system: "Agent node", services: ["agent-node"], service: "agent-node", fault: "ai-provider-errors", runbook: "agent-node-operational-runbook.md#ai-provider-errors-alert", action: "agent-node/switch-provider", params: { "Primary provider": "anthropic" } },
];

async function fault(method: "POST" | "DELETE", slug: string, name: string) {
  const res = await fetch(`${FLEET}/${slug}/faults/${name}`, { method, headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.ok, `${method} ${slug}/faults/${name}: HTTP ${res.status}`).toBeTruthy();
}

async function insertIncident(db: pg.Pool, s: Scenario) {
  const id = `e2eact${randomUUID().replace(/-/g, "").slice(0, 18)}`;
  const title = `${s.system}: ${s.fault} ${uniqueTag()}`;
  const { rows } = await db.query(
    `INSERT INTO "Incident" (id, title, severity, status, services, "startedAt", "updatedAt") VALUES ($1, $2, 'P1', 'investigating', $3, now(), now()) RETURNING number`,
    [id, title, s.services],
  );
  return { id, number: rows[0].number as number, title };
}

const affected = (page: Page, slug: string) => page.getByTestId("affected-service").and(page.locator(`[data-slug="${slug}"]`));

async function seedRunbookSlug(db: pg.Pool, s: Scenario): Promise<string> {
  const [source, key] = s.runbook.split("#");
  const { rows } = await db.query(`SELECT slug FROM "Runbook" WHERE source = $1 AND "sourceKey" = $2`, [source, key]);
  expect(rows, `the seed runbook ${s.runbook} (imported by recovery.setup.ts)`).toHaveLength(1);
  return rows[0].slug as string;
}

async function startGuidedRun(page: Page, slug: string, incident: { number: number; title: string }) {
  await page.goto(`/runbooks/${slug}`);
  await page.getByLabel("Incident", { exact: true }).selectOption({ label: `INC-${incident.number} ${incident.title}` });
  await page.getByRole("button", { name: "Start guided run" }).click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${incident.number}/runbooks/`));
}

/** The first bound step that runs the action: its button, the preflight dialog, the submit. */
async function pressAction(page: Page, s: Scenario) {
  const step = page.getByTestId("step").filter({ has: page.locator(`[data-testid="action-button"][data-action="${s.action}"]`) }).first();
  await step.locator(`[data-testid="action-button"][data-action="${s.action}"]`).click();
  const dialog = page.getByTestId("action-dialog");
  for (const [label, value] of Object.entries(s.params ?? {})) await dialog.getByLabel(label, { exact: true }).selectOption(value);
  const [service, name] = s.action.split("/");
  await expect(dialog.getByTestId("preview-summary")).toContainText(`/${service}/admin/${name}`);
  await expect(dialog.getByTestId("preview-detail")).toContainText("Bearer ••••");
  await expect(dialog).not.toContainText(TOKEN);
  const destructive = dialog.getByLabel(`Type ${s.service} to confirm`);
  if (await destructive.count()) await destructive.fill(s.service);
  await dialog.getByRole("button", { name: s.approval ? "Request approval" : /^Run/ }).click();
  await expect(dialog).toBeHidden();
  return step;
}

async function approveInWarRoom(page: Page, approver: TestUser, incidentNumber: number) {
  await signIn(page, approver);
  await page.goto(`/?incident=${incidentNumber}`);
  const card = page.getByTestId("war-room-actions").getByTestId("action-run").and(page.locator('[data-status="awaiting_approval"]'));
  await expect(card).toBeVisible({ timeout: 15_000 });
  await card.getByLabel("Your password, to confirm").fill(approver.password);
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("war-room-actions").getByTestId("run-now")).toBeVisible({ timeout: 20_000 });
}

for (const s of SCENARIOS) {
  test(`${s.system}: ${s.fault} is fixed from its runbook`, async ({ page, db, createUser, freshPage }) => {
    const alice = await createUser("responder");
    const incident = await insertIncident(db, s);
    await fault("POST", s.service, s.fault);
    try {
      await signIn(page, alice);
      await page.goto(`/incidents/${incident.number}`);
      await expect(affected(page, s.service)).not.toHaveAttribute("data-status", "up", { timeout: HEALTH_TIMEOUT });

      await startGuidedRun(page, await seedRunbookSlug(db, s), incident);
      const step = await pressAction(page, s);
      if (s.approval) {
        await expect(step.getByTestId("step-action-status")).toHaveAttribute("data-status", "awaiting_approval");
        await approveInWarRoom(await freshPage(), await createUser("responder"), incident.number);
        await page.getByTestId("action-runs").getByTestId("run-now").click();
      }
      await expect(step.getByTestId("step-action-status")).toHaveText(/succeeded · verified/, { timeout: HEALTH_TIMEOUT });

      await page.goto(`/incidents/${incident.number}`);
      await expect(affected(page, s.service)).toHaveAttribute("data-status", "up", { timeout: HEALTH_TIMEOUT });
      const timeline = page.getByTestId("timeline");
      await expect(timeline.locator('[data-event="action.request"]')).toContainText(alice.email);
      await expect(timeline.locator('[data-event="action.finish"]')).toContainText(`${s.action} succeeded`);
      await expect(timeline.locator('[data-event="action.verify"]')).toContainText(`${s.action} verified`);
      if (s.approval) await expect(timeline.locator('[data-event="action.approve"]')).toContainText("confirmed by password");
      await expect(page.locator("body")).not.toContainText(TOKEN);
    } finally {
      await fetch(`${FLEET}/${s.service}/faults/${s.fault}`, { method: "DELETE", headers: { authorization: `Bearer ${TOKEN}` } }).catch(() => undefined);
      // Off the war room board, so later runs against this database are not crowded by it.
      await db.query(`UPDATE "Incident" SET status = 'closed', "closedAt" = now() WHERE id = $1`, [incident.id]);
    }
  });
}
