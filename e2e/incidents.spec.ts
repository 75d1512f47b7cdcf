// Incidents: declaring, the lifecycle, the timeline (notes, backfills, pins), conflicts between
// two responders, what a viewer sees, and finding incidents in the list.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { test, expect, signIn, uniqueTag } from "./fixtures";
import type { Page } from "@playwright/test";

// Whole user journeys (declare, every status, the timeline): 30 s is too tight on a loaded 2-core CI.
test.describe.configure({ timeout: 60_000 });

const toast = (page: Page, text: string | RegExp) => page.locator("[data-sonner-toast]").filter({ hasText: text });
const timeline = (page: Page) => page.getByTestId("timeline").getByTestId("timeline-event");
const statusBadge = (page: Page) => page.getByTestId("incident-header").getByTestId("status-badge");

/** Opens an incident and waits until React has hydrated its controls (a click before that is lost). */
async function openIncident(page: Page, ref: string | number) {
  await page.goto(`/incidents/${ref}`);
  await expect(page.getByTestId("status-controls")).toHaveAttribute("data-hydrated", "true");
}
// The sidebar's: the war room's service strip also offers "Declare incident: <service> is down".
const declareButton = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: /Declare incident/ });

type Seed = { title?: string; severity?: string; status?: string; services?: string[]; startedAt?: Date };

/** An incident written straight into the database, with its "declared" event. */
async function insertIncident(db: pg.Pool, seed: Seed = {}) {
  const id = `e2einc${randomUUID().replace(/-/g, "").slice(0, 18)}`;
  const title = seed.title ?? `E2E incident ${uniqueTag()}`;
  const startedAt = seed.startedAt ?? new Date();
  const { rows } = await db.query(
    `INSERT INTO "Incident" (id, title, severity, status, services, "startedAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING number`,
    [id, title, seed.severity ?? "P3", seed.status ?? "triggered", seed.services ?? [], startedAt],
  );
  await db.query(
    `INSERT INTO "TimelineEvent" ("incidentId", kind, "occurredAt", "actorLabel", data) VALUES ($1, 'declared', $2, 'e2e', $3)`,
    [id, startedAt, JSON.stringify({ severity: seed.severity ?? "P3", services: seed.services ?? [], title })],
  );
  return { id, number: rows[0].number as number, title };
}

test("declare with the D shortcut, then acknowledge → investigate → mitigate → resolve", async ({ page, createUser }) => {
  const responder = await createUser("responder");
  await signIn(page, responder);
  const title = `Checkout 502s ${uniqueTag()}`;

  await expect(declareButton(page)).toHaveAttribute("data-hydrated", "true");
  await page.keyboard.press("d");
  const dialog = page.getByRole("dialog", { name: "Declare an incident" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Title")).toBeFocused();
  await expect(dialog).toContainText("Respond under 15 minutes");
  // An empty title is refused beside the field, and what was typed stays.
  const services = dialog.getByLabel("Affected services (optional)");
  await services.fill("nats, beacon-runer");
  await dialog.getByRole("button", { name: "Declare incident" }).click();
  await expect(dialog.getByText(/Give the incident a title/)).toBeVisible();
  await expect(services).toHaveValue("nats, beacon-runer");

  await dialog.getByLabel("Title").fill(title);
  await dialog.getByText("Critical").click();
  await dialog.getByRole("button", { name: "Declare incident" }).click();
  // A mistyped service is refused beside the field, with the catalog's closest name offered.
  await expect(dialog.locator("#services-error")).toContainText('"beacon-runer" is not in the service catalog. Did you mean "beacon-runner"?');
  await services.focus();
  await dialog.getByRole("list", { name: "Services in the catalog" }).getByRole("button", { name: "beacon-runner", exact: true }).click();
  await expect(services).toHaveValue("nats, beacon-runner, ");
  await dialog.getByRole("button", { name: "Declare incident" }).click();
  await expect(toast(page, /INC-\d+ declared/)).toBeVisible();
  await expect(page).toHaveURL(/\/incidents\/\d+$/);
  const number = Number(page.url().split("/").pop());
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByTestId("incident-header")).toContainText(`INC-${number}`);
  await expect(page.getByTestId("ack-clock")).toContainText("Not acknowledged");

  const steps: [string, string, string][] = [
    ["Acknowledge", "Acknowledged", "triggered → acknowledged"],
    ["Start investigating", "Investigating", "acknowledged → investigating"],
  ];
  for (const [button, status, text] of steps) {
    await page.getByRole("button", { name: button, exact: true }).click();
    await expect(statusBadge(page)).toHaveText(status);
    await expect(timeline(page).first()).toContainText(`Status: ${text}`);
  }
  // Skipping "identified" is allowed: jump straight to mitigated from the menu.
  await page.getByText("Move to…").click();
  await page.getByRole("menuitem", { name: "Mitigated" }).click();
  await expect(statusBadge(page)).toHaveText("Mitigated");
  await page.getByRole("button", { name: "Resolve", exact: true }).click();
  await expect(statusBadge(page)).toHaveText("Resolved");

  const texts = await timeline(page).allInnerTexts();
  const statusLines = texts.filter((t) => t.includes("Status:")).map((t) => /Status: (\w+ → \w+)/.exec(t)?.[1]);
  expect(statusLines).toEqual(["mitigated → resolved", "investigating → mitigated", "acknowledged → investigating", "triggered → acknowledged"]);
  await expect(timeline(page).last()).toContainText("Declared as P1");
  await expect(page.getByTestId("milestone-resolved")).toContainText(`by ${responder.email}`);
  await expect(page.getByTestId("milestone-identified")).toContainText(`by ${responder.email}`);
  await expect(page.getByRole("button", { name: "Reopen", exact: true })).toBeVisible();
});

test("a backfilled note sits at the time it happened, marked as backfilled", async ({ page, db, createUser }) => {
  const incident = await insertIncident(db, { startedAt: new Date(Date.now() - 2 * 3_600_000) });
  await signIn(page, await createUser("responder"));
  await openIncident(page, `INC-${incident.number}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(incident.title);

  const composer = page.getByTestId("note-composer");
  await composer.getByLabel("Add a note").fill("Rolled back **v2.3**");
  await composer.getByRole("button", { name: "Add note" }).click();
  await expect(timeline(page).first()).toContainText("Rolled back v2.3");

  const happened = new Date(Date.now() - 30 * 60_000).toISOString().slice(0, 16);
  await composer.getByLabel("Add a note").fill("Issue detected by `checkout` alerts");
  await composer.getByLabel(/Happened at/).fill(happened);
  await composer.getByLabel("Add a note").press("Control+Enter");
  await expect(timeline(page)).toHaveCount(3);

  const events = timeline(page);
  await expect(events.nth(0)).toContainText("Rolled back v2.3");
  await expect(events.nth(0).getByTestId("backfilled")).toHaveCount(0);
  await expect(events.nth(1)).toContainText("Issue detected by checkout alerts");
  await expect(events.nth(1).getByTestId("backfilled")).toBeVisible();
  await expect(events.nth(1)).toContainText(`${happened.replace("T", " ")}`);
  await expect(events.nth(2)).toContainText("Declared as P3");

  await page.getByRole("link", { name: "Notes", exact: true }).click();
  await expect(page).toHaveURL(/view=notes/);
  await expect(timeline(page)).toHaveCount(2);
});

test("pinning an event lists it under Key events and in the Pinned filter", async ({ page, db, createUser }) => {
  const incident = await insertIncident(db);
  await signIn(page, await createUser("responder"));
  await openIncident(page, incident.number);
  const composer = page.getByTestId("note-composer");
  await composer.getByLabel("Add a note").fill("Root cause: expired TLS certificate");
  await composer.getByRole("button", { name: "Add note" }).click();
  const note = timeline(page).filter({ hasText: "Root cause" });
  await expect(note).toBeVisible();
  await expect(page.getByTestId("key-events")).toHaveCount(0);

  await note.getByRole("button", { name: "Pin event" }).click();
  await expect(page.getByTestId("key-events")).toContainText("Root cause: expired TLS certificate");
  await expect(note).toHaveAttribute("data-pinned", "true");

  await page.getByRole("link", { name: "Pinned", exact: true }).click();
  await expect(page).toHaveURL(/view=pinned/);
  await expect(timeline(page)).toHaveCount(1);
  await expect(timeline(page).first()).toContainText("Root cause");

  await timeline(page).first().getByRole("button", { name: "Unpin event" }).click();
  await expect(page.getByTestId("key-events")).toHaveCount(0);
  await expect(timeline(page)).toHaveCount(0);
});

test("two responders change the severity at once: the second sees a conflict naming the current value", async ({ page, db, createUser, freshPage }) => {
  const incident = await insertIncident(db, { severity: "P3" });
  const alice = await createUser("responder");
  const bob = await createUser("responder");
  const other = await freshPage();
  await signIn(page, alice);
  await signIn(other, bob);
  await openIncident(page, incident.number);
  await openIncident(other, incident.number);

  // Bob starts a change from P3 while Alice, meanwhile, makes it P1.
  const bobSeverity = other.getByTestId("severity-control");
  await bobSeverity.getByRole("button", { name: "P2", exact: true }).click();
  const aliceSeverity = page.getByTestId("severity-control");
  await aliceSeverity.getByRole("button", { name: "P1", exact: true }).click();
  await aliceSeverity.getByRole("button", { name: "Change severity to P1" }).click();
  await expect(aliceSeverity.getByRole("button", { name: "P1", exact: true })).toHaveAttribute("aria-pressed", "true");

  await bobSeverity.getByRole("button", { name: "Change severity to P2" }).click();
  const conflict = bobSeverity.getByTestId("conflict");
  await expect(conflict).toContainText("Someone changed the severity while you were looking");
  await expect(conflict).toContainText("It is now: P1");
  await expect(conflict).toContainText(alice.email);
  await expect(bobSeverity.getByRole("button", { name: "P1", exact: true })).toHaveAttribute("aria-pressed", "true");
  const { rows } = await db.query(`SELECT severity FROM "Incident" WHERE id = $1`, [incident.id]);
  expect(rows[0].severity).toBe("P1");
});

test("a viewer sees the incident but no controls", async ({ page, db, createUser }) => {
  const incident = await insertIncident(db, { severity: "P2" });
  await signIn(page, await createUser("viewer"));
  await expect(declareButton(page)).toBeDisabled();
  await expect(declareButton(page)).toHaveAttribute("data-hydrated", "true");
  await expect(page.locator("[title^='Viewers can read incidents']")).toBeVisible();

  await page.goto(`/incidents/${incident.number}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(incident.title);
  await expect(timeline(page)).toHaveCount(1);
  await expect(page.getByTestId("read-only")).toBeVisible();
  for (const name of ["Acknowledge", "I'm on it", "Pin event", "Add note"]) {
    await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
  await expect(page.getByTestId("severity-control")).toHaveCount(0);
  await expect(page.getByTestId("note-composer")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Edit/ })).toHaveCount(0);
  await expect(page.getByRole("combobox")).toHaveCount(0);
  await expect(declareButton(page)).toHaveAttribute("data-hydrated", "true");
  await page.keyboard.press("d");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("the list filters by service, severity and status, and search finds an incident by its INC number", async ({ page, db, createUser }) => {
  const service = `svc-${uniqueTag()}`;
  const open = await insertIncident(db, { severity: "P1", services: [service] });
  const done = await insertIncident(db, { severity: "P4", status: "resolved", services: [service, "shared"] });
  await signIn(page, await createUser("viewer"));

  await page.goto("/incidents");
  const search = page.getByRole("search", { name: "Filter incidents" });
  await search.getByLabel("Search").fill(`INC-${open.number}`);
  await search.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`q=INC-${open.number}`));
  await expect(page.getByTestId(`incident-row-${open.number}`)).toContainText(open.title);
  await expect(page.getByTestId("incident-count")).toHaveText("1–1 of 1 incident");

  await page.goto(`/incidents?service=${service}`);
  await expect(page.getByTestId(`incident-row-${open.number}`)).toBeVisible();
  await expect(page.getByTestId(`incident-row-${done.number}`)).toHaveCount(0);

  await page.goto(`/incidents?status=all&service=${service}`);
  await expect(page.getByTestId("incident-count")).toHaveText("1–2 of 2 incidents");
  await page.getByRole("search").getByLabel("P4").check();
  await page.getByRole("search").getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/severity=P4/);
  await expect(page.getByTestId(`incident-row-${done.number}`)).toContainText("Resolved");
  await expect(page.getByTestId(`incident-row-${open.number}`)).toHaveCount(0);

  await page.getByTestId(`incident-row-${done.number}`).getByRole("link").click();
  await expect(page).toHaveURL(`/incidents/${done.number}`);

  await page.goto(`/incidents?status=all&q=nothing-${uniqueTag()}`);
  await expect(page.getByTestId("incidents-empty")).toBeVisible();
  const missing = await page.goto("/incidents/INC-999999999");
  expect(missing?.status()).toBe(404);
  await expect(page.getByTestId("incident-not-found")).toBeVisible();
});
