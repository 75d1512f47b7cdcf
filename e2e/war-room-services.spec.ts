// The war room's service-health strip: a fault injected into the demo fleet puts the service on
// the strip (Down, since when) without a reload; Declare incident opens the usual dialog
// prefilled (service, title, tier severity, runbook); the incident suggests that runbook first;
// the strip then links the incident for everyone, live; clearing the fault takes the service off.
// A viewer sees the strip without Declare, and a phone-wide screen does not scroll sideways.
import type pg from "pg";
import type { Page } from "@playwright/test";
import { test, expect, signIn, uniqueTag, type ApiAs } from "./fixtures";
import { callAction, loadServerActions } from "./support/http";

test.describe.configure({ timeout: 120_000 });

const FLEET = process.env.SITREP_FLEET_URL ?? "";
const TOKEN = process.env.SITREP_FLEET_TOKEN ?? "";
// No other main-project spec breaks this service (services.spec.ts works on the beacon runner).
const SERVICE = "fondation-worker";
const NAME = "Fondation Worker";
const FAULT = "worker-not-processing"; // its /health answers 503: down
/** Health is polled every 2 s in the suite; the strip follows each status change at once. */
const HEALTH_TIMEOUT = 30_000;

let injected = false;
async function fault(method: "POST" | "DELETE") {
  const res = await fetch(`${FLEET}/${SERVICE}/faults/${FAULT}`, { method, headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.ok, `${method} ${SERVICE}/faults/${FAULT}: HTTP ${res.status}`).toBeTruthy();
  injected = method === "POST";
}

test.afterEach(async () => {
  // The fleet is shared by the whole run: clean up even when the test failed half-way.
  if (injected) await fetch(`${FLEET}/${SERVICE}/faults/${FAULT}`, { method: "DELETE", headers: { authorization: `Bearer ${TOKEN}` } }).catch(() => undefined);
  injected = false;
});

/** A runbook of our own linked to the service, so the dialog has one we know to choose. */
async function seedRunbook(db: pg.Pool) {
  const tag = uniqueTag();
  const slug = `e2e-strip-${tag}`;
  const title = `E2E strip runbook ${tag}`;
  await db.query(
    `INSERT INTO "Runbook" (id, slug, title, source, "sourceKey", services, "lastEditedBy") VALUES ($1, $2, $3, $4, 'strip', $5, 'e2e')`,
    [`rb-${slug}`, slug, title, `e2e/${slug}.md`, [SERVICE]],
  );
  return { slug, title };
}

type Api = Awaited<ReturnType<ApiAs>>;
const action = (name: string) => loadServerActions().find((a) => a.key === `lib/incidents/actions.ts#${name}`)!;

/** Resolves an incident through the app's own status action (audited, checked), as a responder. */
async function resolveIncident(api: Api, db: pg.Pool, number: number, origin: string) {
  const { rows } = await db.query<{ id: string; status: string }>(`SELECT id, status FROM "Incident" WHERE number = $1`, [number]);
  const [incident] = rows;
  if (!incident || ["resolved", "closed"].includes(incident.status)) return;
  const response = await callAction(api, action("changeIncidentStatusAction"), [{ incidentId: incident.id, from: incident.status, to: "resolved", reopen: false }], { path: "/", origin });
  expect(response.result, `resolving INC-${number}`).toMatchObject({ ok: true });
}

/** Incidents a failed earlier run (or an alert rule) left open on the service would cover it: resolve them first. */
async function resolveLeftovers(api: Api, db: pg.Pool, origin: string) {
  const { rows } = await db.query<{ number: number }>(
    `SELECT number FROM "Incident" WHERE $1 = ANY(services) AND status NOT IN ('resolved', 'closed')`,
    [SERVICE],
  );
  for (const { number } of rows) await resolveIncident(api, db, number, origin);
}

/**
 * What of the strip sticks out past its own box or the screen's width, and how much sideways
 * scroll the page loses when the strip is taken away (nothing, if the strip is not the cause:
 * the app shell's fixed sidebar already leaves pages only ~100 px at 390 px).
 */
async function stripOverflow(page: Page) {
  return page.getByTestId("service-strip").evaluate((strip: HTMLElement) => {
    const box = strip.getBoundingClientRect();
    const limit = Math.min(box.right, document.documentElement.clientWidth) + 0.5;
    const sticksOut = [strip, ...Array.from(strip.querySelectorAll<HTMLElement>("*"))]
      .filter((el) => el.getBoundingClientRect().right > limit)
      .map((el) => `${el.tagName.toLowerCase()} ${el.dataset.testid ?? ""} “${(el.textContent ?? "").slice(0, 30)}”`);
    const withStrip = document.documentElement.scrollWidth;
    strip.style.display = "none";
    const without = document.documentElement.scrollWidth;
    strip.style.display = "";
    return { sticksOut, addsScroll: withStrip - without };
  });
}

const stripItem = (page: Page) => page.getByTestId("service-strip").locator(`[data-testid="strip-service"][data-slug="${SERVICE}"]`);

test("a down service reaches the war room live, is declared from there prefilled, then leaves the strip", async ({ page, db, createUser, freshPage, apiAs, baseURL }) => {
  const runbook = await seedRunbook(db);
  const responder = await createUser("responder");
  const api = await apiAs(responder);
  await resolveLeftovers(api, db, baseURL!);
  await signIn(page, responder);

  // A viewer's war room on a phone-wide screen, open all along: it must follow every change live.
  const viewer = await createUser("viewer");
  const wall = await freshPage();
  await wall.setViewportSize({ width: 390, height: 844 });
  await signIn(wall, viewer);
  await wall.goto("/");
  await expect(wall.getByTestId("service-strip")).toBeVisible();

  await page.goto("/");
  await expect(page.getByTestId("service-strip")).toBeVisible();
  await expect(stripItem(page)).toHaveCount(0);
  await fault("POST");

  const item = stripItem(page);
  await expect(item).toHaveAttribute("data-status", "down", { timeout: HEALTH_TIMEOUT });
  await expect(item.getByTestId("service-status")).toHaveText("Down");
  await expect(item.getByTestId("strip-since")).toHaveText(/^Down since \d\d:\d\d UTC · (under 1 min|\d+ min)$/);
  await expect(item).toContainText("Tier 2");

  // The viewer sees it too, with no Declare button, and the narrow screen does not scroll sideways.
  const seen = stripItem(wall);
  await expect(seen).toHaveAttribute("data-status", "down", { timeout: HEALTH_TIMEOUT });
  await expect(seen.getByTestId("strip-no-incident")).toHaveText("No incident declared");
  await expect(wall.getByTestId("declare-from-service")).toHaveCount(0);
  expect(await stripOverflow(wall)).toEqual({ sticksOut: [], addsScroll: 0 });

  await item.getByTestId("declare-from-service").click();
  const dialog = page.getByRole("dialog", { name: "Declare an incident" });
  await expect(dialog.getByLabel("Title")).toHaveValue(`${NAME} is down`);
  await expect(dialog.locator('input[name="severity"][value="P2"]')).toBeChecked(); // tier 2
  await expect(dialog.getByLabel("Affected services (optional)")).toHaveValue(SERVICE);
  const choice = dialog.getByLabel("Runbook");
  await expect(choice).toBeEnabled();
  await expect(choice).not.toHaveValue(""); // the service's best runbook is preselected
  await expect(choice.locator("option", { hasText: runbook.title })).toHaveCount(1);
  await choice.selectOption(runbook.slug);
  await dialog.getByRole("button", { name: "Declare incident" }).click();

  await page.waitForURL(/\/incidents\/\d+$/);
  const number = Number(/\/incidents\/(\d+)$/.exec(page.url())![1]);
  try {
    await expect(page.getByTestId("incident-header")).toContainText(`${NAME} is down`);
    await expect(page.getByTestId("suggested-runbooks").locator("li").first()).toContainText(runbook.title);

    // Everyone's strip now links the incident instead of offering Declare: live on the viewer's.
    const link = seen.getByTestId("strip-incident");
    await expect(link).toHaveAttribute("data-incident", String(number));
    await expect(link).toContainText(`INC-${number}`);
    await expect(link).toContainText("P2");
    await expect(seen.getByTestId("strip-no-incident")).toHaveCount(0);
    await page.goto("/");
    await expect(stripItem(page).getByTestId("strip-incident")).toHaveAttribute("data-incident", String(number));
    await expect(stripItem(page).getByTestId("declare-from-service")).toHaveCount(0);

    await fault("DELETE");
    await expect(stripItem(wall)).toHaveCount(0, { timeout: HEALTH_TIMEOUT });
    await expect(stripItem(page)).toHaveCount(0);
  } finally {
    await resolveIncident(api, db, number, baseURL!);
  }
});

test("a viewer opening a failing service's page or the services list gets no Declare button; a responder does", async ({ page, createUser, freshPage, db, apiAs, baseURL }) => {
  const responder = await createUser("responder");
  await resolveLeftovers(await apiAs(responder), db, baseURL!);
  await signIn(page, responder);
  await fault("POST");
  await page.goto(`/services/${SERVICE}`);
  await expect(page.getByTestId("service-header")).toHaveAttribute("data-status", "down", { timeout: HEALTH_TIMEOUT });
  await page.getByTestId("service-header").getByTestId("declare-from-service").click();
  const dialog = page.getByRole("dialog", { name: "Declare an incident" });
  await expect(dialog.getByLabel("Title")).toHaveValue(`${NAME} is down`);
  await expect(dialog.locator('input[name="severity"][value="P2"]')).toBeChecked();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await page.goto("/services");
  const row = page.locator(`[data-testid="service-row"][data-slug="${SERVICE}"]`);
  await expect(row).toHaveAttribute("data-status", "down");
  await expect(row.getByTestId("declare-from-service")).toBeVisible();

  const viewer = await createUser("viewer");
  const other = await freshPage();
  await signIn(other, viewer);
  await other.goto(`/services/${SERVICE}`);
  await expect(other.getByTestId("service-header")).toHaveAttribute("data-status", "down");
  await expect(other.getByTestId("declare-from-service")).toHaveCount(0);
  await other.goto("/services");
  await expect(other.locator(`[data-testid="service-row"][data-slug="${SERVICE}"]`)).toHaveAttribute("data-status", "down");
  await expect(other.getByTestId("declare-from-service")).toHaveCount(0);
});

test("the declare action refuses a runbook that is not in the library, and declares nothing", async ({ createUser, apiAs, baseURL, db }) => {
  const api = await apiAs(await createUser("responder"));
  const title = `Refused runbook ${uniqueTag()}`;
  const response = await callAction(api, action("declareIncidentAction"), [{ title, severity: "P2", services: [SERVICE], summary: "", runbook: `no-such-runbook-${uniqueTag()}` }], { path: "/", origin: baseURL! });
  expect(response.result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { runbook: [expect.stringMatching(/not in the library/)] } });
  expect((await db.query(`SELECT 1 FROM "Incident" WHERE title = $1`, [title])).rowCount).toBe(0);
});
