// Post-incident follow-ups: resolving adds the default checklist, items are checked (and seen
// live by others), action items with an owner and a due date show overdue on the Follow-ups
// page and on the war room; viewers read, never check.
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import type pg from "pg";
import { test, expect, signIn, uniqueTag } from "./fixtures";

test.describe.configure({ timeout: 90_000 });

/** An incident straight in the database (setup only: the changes under test go through the app). */
async function insertIncident(db: pg.Pool, title: string, status = "mitigated"): Promise<{ id: string; number: number }> {
  const { rows } = await db.query(
    `INSERT INTO "Incident" (id, title, severity, status, "startedAt", "acknowledgedAt", "mitigatedAt", "updatedAt")
     VALUES ($1, $2, 'P2', $3::"IncidentStatus", now() - interval '1 hour', now() - interval '50 minutes', now() - interval '5 minutes', now()) RETURNING id, number`,
    [`e2efu${randomUUID().replace(/-/g, "").slice(0, 20)}`, title, status],
  );
  return rows[0];
}

const checklistItem = (page: Page, text: string) => page.getByTestId("checklist-item").filter({ hasText: text });

test("resolving adds the default checklist; checks show live; an overdue action item shows on Follow-ups and the war room", async ({ page, freshPage, createUser, db }) => {
  const [alice, bob, val] = [await createUser("responder", { name: `Alice ${uniqueTag()}` }), await createUser("responder", { name: `Bob ${uniqueTag()}` }), await createUser("viewer")];
  const incident = await insertIncident(db, `Follow-ups ${uniqueTag()}`);
  await signIn(page, alice);
  await page.goto(`/incidents/${incident.number}`);
  await page.getByRole("button", { name: "Resolve", exact: true }).click();

  const panel = page.getByTestId("post-incident");
  const checklist = panel.locator('[data-testid="checklist"][data-name="Post-incident checklist"]');
  await expect(checklist).toBeVisible();
  await expect(checklist.getByTestId("checklist-bucket")).toHaveCount(3);
  await expect(checklist.locator('[data-bucket="immediate"]')).toContainText("Immediate");

  // Bob follows the same incident in another browser.
  const other = await freshPage();
  await signIn(other, bob);
  await other.goto(`/incidents/${incident.number}`);
  await expect(checklistItem(other, "Status page updated")).toHaveAttribute("data-checked", "false");

  await checklist.getByLabel("Status page updated", { exact: true }).check();
  await expect(checklistItem(page, "Status page updated").getByTestId("checked-by")).toContainText(alice.email);
  await expect(checklistItem(other, "Status page updated")).toHaveAttribute("data-checked", "true", { timeout: 10_000 });
  await expect(checklistItem(other, "Status page updated").getByTestId("checked-by")).toContainText(alice.email);
  await expect(page.getByTestId("timeline")).toContainText(`${alice.email} checked “Status page updated”`);

  // An action item for Bob, long overdue (the oldest overdue follow-up, so the war room lists it).
  const title = `Alert on lease expiry ${uniqueTag()}`;
  await panel.getByRole("button", { name: "Add action item", exact: true }).click();
  const form = panel.getByTestId("action-item-form");
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Owner").selectOption({ label: bob.name });
  await form.getByLabel("Due date (end of day, UTC)").fill("2001-01-01");
  await form.getByLabel("Tracker link (optional)").fill("javascript:alert(1)");
  await form.getByRole("button", { name: "Add action item", exact: true }).click();
  // Refused beside its field, and what was typed stays.
  await expect(form).toContainText("The tracker link must be a full http:// or https:// address.");
  await expect(form.getByLabel("Title")).toHaveValue(title);
  await expect(panel.getByTestId("action-item")).toHaveCount(0);
  await form.getByLabel("Tracker link (optional)").fill("https://tracker.example/OPS-1");
  await form.getByRole("button", { name: "Add action item", exact: true }).click();
  const row = panel.getByTestId("action-item").filter({ hasText: title });
  await expect(row).toHaveAttribute("data-overdue", "true");
  await expect(row.getByRole("link", { name: /Tracker/ })).toHaveAttribute("target", "_blank");

  // Follow-ups, filtered on Bob as the owner, overdue only.
  await page.goto("/follow-ups");
  await page.getByLabel("Owner").selectOption({ label: bob.name });
  await page.getByLabel("Overdue only").check();
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`owner=${bob.id}.*overdue=1`));
  const rows = page.getByTestId("followup-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-overdue", "true");
  await expect(rows.first()).toContainText(title);
  await expect(rows.first().getByRole("link", { name: `INC-${incident.number}`, exact: true })).toHaveAttribute("href", `/incidents/${incident.number}`);
  // Bob's own view: "mine".
  await other.goto("/follow-ups?owner=mine&overdue=1");
  await expect(other.getByTestId("followup-row").filter({ hasText: title })).toHaveAttribute("data-overdue", "true");

  // The war room: the resolved incident has left the board, the strip lists it.
  await page.goto("/");
  await expect(page.locator(`[data-testid="overdue-group"][data-incident="${incident.number}"]`)).toContainText("1 overdue");

  // A viewer sees the checks, and cannot make any.
  const viewer = await freshPage();
  await signIn(viewer, val);
  await viewer.goto(`/incidents/${incident.number}`);
  await expect(checklistItem(viewer, "Status page updated")).toHaveAttribute("data-checked", "true");
  await expect(viewer.getByTestId("post-incident").getByRole("checkbox")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Add action item", exact: true })).toHaveCount(0);
});

test("an open incident's overdue action items show as a badge on its war room card", async ({ page, createUser, db }) => {
  const incident = await insertIncident(db, `Overdue badge ${uniqueTag()}`, "investigating");
  await db.query(
    `INSERT INTO "ActionItem" (id, "incidentId", title, "dueAt", "createdByLabel", "updatedAt") VALUES ($1, $2, 'Rotate the leaked key', now() - interval '2 hours', 'e2e', now())`,
    [`e2efuai${uniqueTag()}${uniqueTag()}`, incident.id],
  );
  await signIn(page, await createUser("viewer"));
  await page.goto(`/?incident=${incident.number}`);
  const card = page.locator(`[data-testid="war-room-card"][data-incident="${incident.number}"]`);
  await expect(card.getByTestId("overdue-badge")).toHaveText("1 overdue");
});
