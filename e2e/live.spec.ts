// Live updates: two people on the war room see each other's changes without reloading, over
// /api/live (Server-Sent Events fed by the audit log's tail).
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import type pg from "pg";
import { test, expect, signIn, uniqueTag } from "./fixtures";
import { callAction, loadServerActions } from "./support/http";

test.describe.configure({ timeout: 60_000 });

/** An open incident straight in the database (setup only: the changes under test go through the app). */
async function insertIncident(db: pg.Pool, title: string, severity = "P1"): Promise<{ id: string; number: number }> {
  const { rows } = await db.query(
    `INSERT INTO "Incident" (id, title, severity, "startedAt", "updatedAt")
     VALUES ($1, $2, $3::"Severity", now() - interval '90 seconds', now()) RETURNING id, number`,
    [`e2e${randomUUID().replace(/-/g, "").slice(0, 20)}`, title, severity],
  );
  return rows[0];
}

/** Opens the war room on one incident and waits until its live stream is up. */
async function openWarRoom(page: Page, number: number) {
  await page.goto(`/?incident=${number}`);
  await expect(page.getByTestId("war-room-selected")).toHaveAttribute("data-incident", String(number));
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");
  // Set after load: still there at the end proves nothing reloaded the page.
  await page.evaluate(() => ((window as unknown as { liveMarker: string }).liveMarker = "no reload"));
}

const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker);

test("a note posted in one war room appears in another within seconds, without a reload", async ({ page, freshPage, createUser, db }) => {
  const [alice, bob] = [await createUser("responder"), await createUser("viewer")];
  const incident = await insertIncident(db, `Live notes ${uniqueTag()}`);
  const other = await freshPage();
  await signIn(page, alice);
  await signIn(other, bob);
  await openWarRoom(page, incident.number);
  await openWarRoom(other, incident.number);

  const note = `Rolled back the deploy ${uniqueTag()}`;
  await page.getByLabel("Add a note").fill(note);
  await page.getByTestId("quick-actions").getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByTestId("war-room-timeline")).toContainText(note);
  await expect(other.getByTestId("war-room-timeline")).toContainText(note, { timeout: 5_000 });
  expect(await notReloaded(other)).toBe("no reload");
  // A viewer watches; the quick actions are not theirs.
  await expect(other.getByTestId("quick-actions")).toHaveCount(0);
  await expect(other.getByRole("button", { name: "Acknowledge", exact: true })).toHaveCount(0);
});

test("acknowledging in one war room updates the card in another", async ({ page, freshPage, createUser, db }) => {
  const [alice, carol] = [await createUser("responder"), await createUser("responder")];
  const incident = await insertIncident(db, `Live ack ${uniqueTag()}`);
  const other = await freshPage();
  await signIn(page, alice);
  await signIn(other, carol);
  await openWarRoom(page, incident.number);
  await openWarRoom(other, incident.number);

  const card = other.locator(`[data-testid="war-room-card"][data-incident="${incident.number}"]`);
  await expect(card).toHaveAttribute("data-status", "triggered");
  await expect(card.getByTestId("ack-clock")).toContainText(/UNACKNOWLEDGED\s*1:\d\d \/ 5:00/);

  await page.getByRole("button", { name: "Acknowledge", exact: true }).click();
  await expect(card).toHaveAttribute("data-status", "acknowledged", { timeout: 5_000 });
  await expect(card.getByTestId("ack-clock")).toContainText("Acknowledged in");
  await expect(other.getByTestId("war-room-timeline")).toContainText("Triggered → Acknowledged");
  await expect(other.getByRole("button", { name: "Acknowledge", exact: true })).toHaveCount(0);
  expect(await notReloaded(other)).toBe("no reload");
});

test("an incident declared elsewhere appears on the war room board and in the incident list", async ({ page, freshPage, createUser, apiAs, baseURL }) => {
  const [alice, dave] = [await createUser("responder"), await createUser("viewer")];
  await signIn(page, dave);
  await page.goto("/");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");
  const list = await freshPage();
  await signIn(list, dave);
  await list.goto("/incidents");
  await expect(list.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();

  const title = `Declared elsewhere ${uniqueTag()}`;
  const declare = loadServerActions().find((a) => a.key === "lib/incidents/actions.ts#declareIncidentAction")!;
  const api = await apiAs(alice);
  const response = await callAction(api, declare, [{ title, severity: "P2", summary: "" }], { path: "/", origin: baseURL! });
  expect(response.result).toMatchObject({ ok: true });

  await expect(page.getByTestId("war-room-board")).toContainText(title, { timeout: 5_000 });
  await expect(list.getByText(title)).toBeVisible({ timeout: 5_000 });
});

test("a change made while a page is still connecting its live stream is not lost", async ({ page, createUser, apiAs, baseURL }) => {
  const [alice, dave] = [await createUser("responder"), await createUser("viewer")];
  await signIn(page, dave);
  // Hold the list's stream back until an incident has been declared after the page rendered.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const streams: string[] = [];
  await page.route("**/api/live*", async (route) => {
    streams.push(route.request().url());
    await held;
    // A stream of a page navigated away from meanwhile is gone: nothing to continue.
    await route.continue().catch(() => {});
  });
  await page.goto("/incidents");
  await expect(page.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
  // The list's own stream (the war room's, from the sign-in, may come first) starts from the
  // seq the page was rendered at.
  await expect.poll(() => streams.at(-1) ?? "").toMatch(/\/api\/live\?since=\d+$/);

  const title = `Declared while connecting ${uniqueTag()}`;
  const declare = loadServerActions().find((a) => a.key === "lib/incidents/actions.ts#declareIncidentAction")!;
  const response = await callAction(await apiAs(alice), declare, [{ title, severity: "P2", summary: "" }], { path: "/", origin: baseURL! });
  expect(response.result).toMatchObject({ ok: true });
  await expect(page.getByText(title)).toHaveCount(0);
  release();

  // Starting from the render's seq, the stream replays the declaration.
  await expect(page.getByText(title)).toBeVisible({ timeout: 10_000 });
});

test("the war room says all clear, or lists open incidents by severity, and selects the most severe oldest by default", async ({ page, createUser, db }) => {
  const viewer = await createUser("viewer");
  const p1 = await insertIncident(db, `Default pick ${uniqueTag()}`, "P1");
  await signIn(page, viewer);
  await page.goto("/");
  // Other tests add incidents in parallel: only check what holds whatever else is open.
  // The board renders in the browser: wait for it before reading it.
  await expect(page.locator("[data-testid=war-room-board] h2").first()).toBeVisible();
  const headings = await page.locator("[data-testid=war-room-board] h2").allTextContents();
  expect(headings.length).toBeGreaterThan(0);
  expect(headings[0]).toMatch(/^P1/);
  await expect(page.locator(`[data-testid="war-room-card"][data-incident="${p1.number}"]`)).toBeVisible();
  const selected = Number(await page.getByTestId("war-room-selected").getAttribute("data-incident"));
  const firstCard = Number(await page.getByTestId("war-room-card").first().getAttribute("data-incident"));
  expect(selected).toBe(firstCard);
  await expect(page.getByTestId("services-health")).toBeVisible();
  await expect(page.getByTestId("war-room-runs")).toBeVisible();

  // Selecting another card shows it, and the URL says so.
  await page.locator(`[data-testid="war-room-card"][data-incident="${p1.number}"]`).click();
  await expect(page).toHaveURL(new RegExp(`\\?incident=${p1.number}$`));
  await expect(page.getByTestId("war-room-selected")).toHaveAttribute("data-incident", String(p1.number));
});

test("the live stream and the war room's data answer 401 without a session", async ({ apiAs }) => {
  const anonymous = await apiAs();
  for (const url of ["/api/live", "/api/war-room"]) {
    const response = await anonymous.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(401);
    expect(response.headers()["content-type"], url).toContain("application/json");
  }
});
