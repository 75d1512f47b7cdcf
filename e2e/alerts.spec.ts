// Alerts in, incidents out: an Alertmanager notification opens an incident with its runbook
// linked; the Alerts page shows it live; a responder silences it with a reason (audited), a
// viewer cannot; resolving it marks the incident mitigated.
import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import type pg from "pg";
import { test, expect, signIn, uniqueTag } from "./fixtures";
import { amNotification, uniqueGroupKey } from "../lib/alerts/testing";

test.describe.configure({ timeout: 90_000 });

const TOKEN = process.env.SITREP_ALERTMANAGER_TOKEN!;

async function postAlerts(request: APIRequestContext, body: unknown) {
  const res = await request.post("/api/alerts/alertmanager", { data: body, headers: { authorization: `Bearer ${TOKEN}` }, failOnStatusCode: false });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

async function insertRunbook(db: pg.Pool, alertname: string) {
  const slug = `e2e-alert-rb-${uniqueTag()}`;
  await db.query(
    `INSERT INTO "Runbook" (id, slug, title, source, "sourceKey", alerts, "lastEditedBy") VALUES ($1, $2, $3, 'e2e', $2, $4, 'e2e')`,
    [`e2erb${randomUUID().replace(/-/g, "").slice(0, 20)}`, slug, `Runbook for ${alertname}`, [alertname]],
  );
  return slug;
}

test("an Alertmanager alert opens an incident with its runbook; silencing is audited; resolving mitigates", async ({ page, freshPage, createUser, db, apiAs }) => {
  const alertname = `E2eRunnerDown${uniqueTag().replace(/-/g, "")}`;
  const slug = await insertRunbook(db, alertname);
  const [rita, val] = [await createUser("responder"), await createUser("viewer")];
  await signIn(page, rita);
  await page.goto("/alerts");
  await expect(page.getByRole("heading", { name: "Alerts", exact: true })).toBeVisible();

  const key = uniqueGroupKey(alertname);
  // Its own incident, whatever other specs left open on beacon-runner (it would join that one).
  const firing = amNotification(key, [{ alertname, labels: { severity: "critical", service: "beacon-runner", sitrep_attach: "false" }, annotations: { summary: "Runner is down in lhr" } }]);
  const anon = await apiAs();
  const result = await postAlerts(anon, firing);
  expect(result).toMatchObject({ opened: true, fired: 1 });

  // It appears live, firing, with its incident and runbook.
  const row = page.getByTestId("alert-row").filter({ hasText: alertname });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row.getByTestId("alert-state")).toHaveText("Firing");
  await expect(row.getByRole("link", { name: `INC-${result.incident}` })).toBeVisible();
  await expect(row.getByTestId("alert-runbook")).toHaveAttribute("href", `/runbooks/${slug}`);

  // A retry changes nothing.
  expect(await postAlerts(anon, firing)).toMatchObject({ opened: false, fired: 0, unchanged: 1 });

  // The incident page lists the alert with its runbook, and the timeline says it fired.
  await row.getByRole("link", { name: `INC-${result.incident}` }).click();
  const card = page.getByTestId("incident-alerts");
  await expect(card.getByTestId("incident-alert").filter({ hasText: alertname })).toBeVisible();
  await expect(card.getByTestId("alert-runbook")).toHaveAttribute("href", `/runbooks/${slug}`);
  await expect(page.locator('[data-event="fired"]').filter({ hasText: alertname })).toBeVisible();
  await expect(page.getByTestId("incident-runbooks").getByText(`Runbook for ${alertname}`).first()).toBeVisible();

  // Silencing needs a reason; with one, it is silenced and audited.
  await page.goto(`/alerts?q=${alertname}`);
  await row.getByRole("button", { name: `Silence ${alertname}` }).click();
  const form = row.getByRole("form", { name: `Silence ${alertname}` });
  await form.getByRole("button", { name: "Silence", exact: true }).click();
  await expect(row.getByTestId("silence-reason-error")).toContainText("Say why");
  await form.getByLabel("For").selectOption("240");
  await form.getByLabel("Reason").fill("Known: fix deploying");
  await form.getByRole("button", { name: "Silence", exact: true }).click();
  // It leaves the Firing view for the Silenced one.
  await expect(page.getByTestId("alerts-empty")).toBeVisible();
  await page.getByTestId("alerts-view-silenced").click();
  await expect(row.getByTestId("alert-silenced")).toContainText("Known: fix deploying");
  await expect(row.getByTestId("alert-state")).toHaveText("Silenced");
  const audit = await db.query(`SELECT after FROM "AuditEntry" WHERE verb = 'alert.silence' AND after->>'alertname' = $1`, [alertname]);
  expect(audit.rows).toHaveLength(1);
  expect(audit.rows[0].after).toMatchObject({ minutes: 240, reason: "Known: fix deploying" });

  // A viewer sees it, without the controls.
  const viewer = await freshPage();
  await signIn(viewer, val);
  await viewer.goto(`/alerts?view=silenced&q=${alertname}`);
  const seen = viewer.getByTestId("alert-row").filter({ hasText: alertname });
  await expect(seen.getByTestId("alert-silenced")).toBeVisible();
  await expect(seen.getByRole("button")).toHaveCount(0);

  // Lifting the silence: it is firing again. Then resolving marks the incident mitigated.
  await page.getByTestId("alert-row").filter({ hasText: alertname }).getByRole("button", { name: "Lift silence" }).click();
  await expect(page.getByTestId("alerts-empty")).toBeVisible();
  await page.goto(`/alerts?q=${alertname}`);
  await expect(row.getByTestId("alert-state")).toHaveText("Firing");
  await postAlerts(anon, amNotification(key, [{ alertname, status: "resolved", labels: { severity: "critical", service: "beacon-runner", sitrep_attach: "false" } }]));
  await page.goto(`/incidents/${result.incident}`);
  await expect(page.getByTestId("incident-alert").filter({ hasText: alertname })).toHaveAttribute("data-status", "resolved");
  await expect(page.locator('[data-event="resolved"]').filter({ hasText: alertname })).toBeVisible();
  const status = await db.query(`SELECT status FROM "Incident" WHERE number = $1`, [result.incident]);
  expect(status.rows[0].status).toBe("mitigated");
});

test("the webhook refuses a wrong token and malformed payloads, writing nothing", async ({ apiAs, db }) => {
  const anon = await apiAs();
  const key = uniqueGroupKey();
  const body = amNotification(key, [{ alertname: "E2eRefused" }]);
  const wrong = await anon.post("/api/alerts/alertmanager", { data: body, headers: { authorization: "Bearer wrong" }, failOnStatusCode: false });
  expect(wrong.status()).toBe(401);
  expect((await wrong.json()).error).toContain("bearer token");
  const bad = await anon.post("/api/alerts/alertmanager", { data: { ...body, alerts: [{ status: "firing" }] }, headers: { authorization: `Bearer ${TOKEN}` }, failOnStatusCode: false });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).issues.join(" ")).toContain("alerts.0");
  const big = await anon.post("/api/alerts/alertmanager", { data: "x".repeat(1_100_000), headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, failOnStatusCode: false });
  expect(big.status()).toBe(413);
  expect((await db.query(`SELECT 1 FROM "AlertGroup" WHERE "groupKey" = $1`, [key])).rowCount).toBe(0);
});
