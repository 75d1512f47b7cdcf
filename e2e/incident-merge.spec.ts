// One outage declared twice: a responder links the two incidents, then merges the duplicate into
// the one that stays (banner on the duplicate, an event on the survivor, the alert moved); a
// viewer has no button and the action refuses them; Reopen on the duplicate un-merges it.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Page } from "@playwright/test";
import { test, expect, signIn, uniqueTag } from "./fixtures";
import { callAction, loadServerActions } from "./support/http";

test.describe.configure({ timeout: 90_000 }); // a whole journey on a loaded 2-core machine

const toast = (page: Page, text: string | RegExp) => page.locator("[data-sonner-toast]").filter({ hasText: text });
const related = (page: Page) => page.getByTestId("related-incidents");
const statusBadge = (page: Page) => page.getByTestId("incident-header").getByTestId("status-badge");

/** An open incident straight in the database, with its "declared" event and, if asked, one firing alert. */
async function insertIncident(db: pg.Pool, title: string, alertname?: string) {
  const id = `e2emerge${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const { rows } = await db.query(
    `INSERT INTO "Incident" (id, title, severity, status, services, "startedAt", "updatedAt") VALUES ($1, $2, 'P2', 'investigating', $3, now(), now()) RETURNING number`,
    [id, title, ["nats"]],
  );
  await db.query(`INSERT INTO "TimelineEvent" ("incidentId", kind, "occurredAt", "actorLabel", data) VALUES ($1, 'declared', now(), 'e2e', $2)`, [id, JSON.stringify({ severity: "P2", title })]);
  if (alertname) {
    const group = `e2emerge-ag-${uniqueTag()}`;
    await db.query(`INSERT INTO "AlertGroup" (id, source, "groupKey", status, "incidentId", "updatedAt") VALUES ($1, 'alertmanager', $1, 'firing', $2, now())`, [group, id]);
    await db.query(
      `INSERT INTO "Alert" (id, "groupId", fingerprint, alertname, status, severity, service, "startsAt", "incidentId") VALUES ($1, $2, $1, $3, 'firing', 'P2', 'nats', now(), $4)`,
      [`${group}-a`, group, alertname, id],
    );
  }
  return { id, number: rows[0].number as number, title };
}

async function openIncident(page: Page, number: number) {
  await page.goto(`/incidents/${number}`);
  await expect(page.getByTestId("status-controls")).toHaveAttribute("data-hydrated", "true");
}

test("link two incidents, merge one into the other, then reopen it to un-merge", async ({ page, createUser, db }) => {
  const alertname = `E2eNatsDown${uniqueTag().replace(/-/g, "")}`;
  const survivor = await insertIncident(db, `Router lost NATS ${uniqueTag()}`);
  const dup = await insertIncident(db, `NATS down ${uniqueTag()}`, alertname);
  await signIn(page, await createUser("responder"));

  // Link: both incidents show it.
  await openIncident(page, dup.number);
  await related(page).getByLabel("Incident to link").fill(`INC-${survivor.number}`);
  await related(page).getByRole("button", { name: "Link incident" }).click();
  await expect(toast(page, `Linked to INC-${survivor.number}`)).toBeVisible();
  await expect(related(page).getByTestId("linked-incident")).toContainText(survivor.title);
  await openIncident(page, survivor.number);
  await expect(related(page).getByTestId("linked-incident")).toContainText(dup.title);

  // Merge the duplicate into the survivor, through the confirm dialog.
  await openIncident(page, dup.number);
  await related(page).getByRole("button", { name: "Merge into…" }).click();
  const dialog = page.getByTestId("merge-dialog");
  await dialog.getByLabel("The incident that stays").fill(String(dup.number));
  await dialog.getByRole("button", { name: `Merge INC-${dup.number} into INC-${dup.number}` }).click();
  await expect(dialog.getByTestId("merge-error")).toContainText("cannot be merged into itself");
  await dialog.getByLabel("The incident that stays").fill(`INC-${survivor.number}`);
  await dialog.getByRole("button", { name: `Merge INC-${dup.number} into INC-${survivor.number}` }).click();
  await expect(toast(page, `INC-${dup.number} merged into INC-${survivor.number} (1 alert moved)`)).toBeVisible();
  const banner = page.getByTestId("merged-banner");
  await expect(banner).toContainText(`Merged into INC-${survivor.number}: ${survivor.title}`);
  await expect(statusBadge(page)).toHaveText("Closed");
  await expect(page.getByTestId("incident-alerts")).toHaveCount(0);

  // The survivor: the event links back, the alert moved over, the duplicate is listed as merged here.
  await banner.getByRole("link", { name: `INC-${survivor.number}` }).click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${survivor.number}$`));
  const event = page.getByTestId("timeline").locator('[data-kind="merge"]');
  await expect(event).toContainText(`INC-${dup.number} merged into this incident (1 alert moved)`);
  await expect(event.getByRole("link", { name: `Open INC-${dup.number}` })).toBeVisible();
  await expect(page.getByTestId("incident-alert").filter({ hasText: alertname })).toBeVisible();
  await expect(related(page).getByTestId("merged-from")).toContainText(dup.title);
  // The open incidents list does not show the duplicate; the full list says where it went.
  await page.goto(`/incidents?q=${encodeURIComponent(dup.title)}`);
  await expect(page.getByTestId(`incident-row-${dup.number}`)).toHaveCount(0);
  await page.goto(`/incidents?status=all&q=${encodeURIComponent(dup.title)}`);
  await expect(page.getByTestId(`incident-row-${dup.number}`).getByTestId("merged-into")).toHaveText(`Merged into INC-${survivor.number}`);

  // Reopen un-merges: the alert comes back, both timelines say so.
  await openIncident(page, dup.number);
  await page.getByRole("button", { name: "Reopen and un-merge" }).click();
  await expect(statusBadge(page)).toHaveText("Investigating");
  await expect(page.getByTestId("merged-banner")).toHaveCount(0);
  await expect(page.getByTestId("timeline").locator('[data-kind="merge"]').first()).toContainText(`no longer merged into INC-${survivor.number} (1 alert came back)`);
  await expect(page.getByTestId("incident-alert").filter({ hasText: alertname })).toBeVisible();
});

test("a viewer cannot link or merge: no controls, and the action refuses", async ({ page, createUser, db, apiAs, baseURL }) => {
  const a = await insertIncident(db, `Viewer sees ${uniqueTag()}`);
  const b = await insertIncident(db, `Viewer sees too ${uniqueTag()}`);
  const viewer = await createUser("viewer");
  await signIn(page, viewer);
  await page.goto(`/incidents/${a.number}`);
  await expect(page.getByTestId("read-only")).toBeVisible();
  await expect(page.getByRole("button", { name: "Merge into…" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Link incident" })).toHaveCount(0);

  const merge = loadServerActions().find((x) => x.key === "lib/incidents/link-actions.ts#mergeIncidentAction")!;
  const response = await callAction(await apiAs(viewer), merge, [{ incidentId: a.id, version: 0, into: b.number }], { path: `/incidents/${a.number}`, origin: baseURL! });
  expect(response.result).toMatchObject({ ok: false, code: "FORBIDDEN" });
  expect((await db.query(`SELECT status, "mergedIntoId" FROM "Incident" WHERE id = $1`, [a.id])).rows[0]).toEqual({ status: "investigating", mergedIntoId: null });
});
