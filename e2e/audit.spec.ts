// The Audit page: an admin's change shows up, the filters narrow it down, the chain verifies.
// The chain is global and append-only: these tests only add to it (through the app) and read it.
import type { Page } from "@playwright/test";
import type pg from "pg";
import { test, expect, signIn, type TestUser } from "./fixtures";
import { openUsersPage, toast, userRow } from "./support/admin-ui";
import { callAction, loadServerActions } from "./support/http";

// Two people, several sign-ins and page loads per test: give a loaded CI machine room.
test.describe.configure({ timeout: 60_000 });

const filterForm = (page: Page) => page.getByRole("form", { name: "Filter the audit log" });
const auditRows = (page: Page) => page.getByTestId("audit-table").locator("tbody tr");
const EMPTY = "No audit entries match these filters.";

/** Signs in as a new admin and promotes `target` to responder through the Admin page. */
async function promoteThroughTheApp(page: Page, admin: TestUser, target: TestUser) {
  await signIn(page, admin);
  await openUsersPage(page);
  const row = userRow(page, target.email);
  await row.getByLabel(`Role for ${target.email}`).selectOption("responder");
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(toast(page, `${target.email} is now responder.`)).toBeVisible();
}

async function roleChangeTime(db: pg.Pool, admin: TestUser): Promise<Date> {
  const { rows } = await db.query(`SELECT at FROM "AuditEntry" WHERE "actorLabel" = $1 AND verb = 'user.role.change'`, [admin.email]);
  expect(rows).toHaveLength(1);
  return rows[0].at;
}

/** "YYYY-MM-DDTHH:mm" in UTC, as the page's datetime-local filters read it. */
const minute = (d: Date, plusMinutes = 0) => new Date(Math.floor(d.getTime() / 60_000) * 60_000 + plusMinutes * 60_000).toISOString().slice(0, 16);

test("an admin's role change is listed, found by actor and verb, and the chain verifies", async ({ page, createUser }) => {
  const admin = await createUser("admin");
  const target = await createUser("viewer");
  await promoteThroughTheApp(page, admin, target);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
  await expect(page).toHaveURL("/audit");
  const status = page.getByTestId("chain-status");
  await expect(status).toHaveAttribute("data-ok", "true");
  await expect(status).toContainText(/Chain verified: [\d,]+ entries/);

  const form = filterForm(page);
  await form.getByLabel("Actor").fill(admin.email);
  await form.getByLabel("Verb").selectOption("user.role.change");
  await form.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]verb=user\.role\.change(&|$)/);
  await expect(page).toHaveURL(new RegExp(`[?&]actor=${encodeURIComponent(admin.email).replace(/\./g, "\\.")}(&|$)`));

  await expect(auditRows(page)).toHaveCount(1);
  const row = auditRows(page).first();
  await expect(row).toContainText(admin.email);
  await expect(row).toContainText("user.role.change");
  await expect(row).toContainText(target.id);
  await row.getByText("details").click();
  await expect(row.locator("pre").filter({ hasText: "before" })).toContainText('"role": "viewer"');
  await expect(row.locator("pre").filter({ hasText: "after" })).toContainText('"role": "responder"');

  // The same actor's sign-in is there too, under its own verb; the filters stay filled in.
  await expect(form.getByLabel("Actor")).toHaveValue(admin.email);
  await form.getByLabel("Verb").selectOption("auth.signin");
  await form.getByRole("button", { name: "Filter" }).click();
  await expect(auditRows(page)).toHaveCount(1);
  await expect(auditRows(page).first()).toContainText("auth.signin");

  // Found by target id as well, whoever the actor.
  await page.goto(`/audit?target=${target.id}`);
  await expect(auditRows(page)).toHaveCount(1);
  await expect(auditRows(page).first()).toContainText(admin.email);
});

test("the time-range filters include and exclude by when the entry was written", async ({ page, createUser, db }) => {
  const admin = await createUser("admin");
  await promoteThroughTheApp(page, admin, await createUser("viewer"));
  const at = await roleChangeTime(db, admin);

  const search = async (from: string, to: string) => {
    await page.goto("/audit");
    const form = filterForm(page);
    await form.getByLabel("Actor").fill(admin.email);
    await form.getByLabel("Verb").selectOption("user.role.change");
    await form.getByLabel("From (UTC)").fill(from);
    await form.getByLabel("To (UTC)").fill(to);
    await form.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/[?&]from=/);
  };

  await search(minute(at), minute(at, 1));
  await expect(auditRows(page)).toHaveCount(1);
  await expect(filterForm(page).getByLabel("From (UTC)")).toHaveValue(minute(at));

  await search(minute(at, 1), minute(at, 5));
  await expect(page.getByText(EMPTY)).toBeVisible();

  await search(minute(at, -10), minute(at, -1));
  await expect(page.getByText(EMPTY)).toBeVisible();

  // Open-ended on either side.
  await page.goto(`/audit?actor=${encodeURIComponent(admin.email)}&verb=user.role.change&from=${minute(at, -1)}`);
  await expect(auditRows(page)).toHaveCount(1);
  await page.goto(`/audit?actor=${encodeURIComponent(admin.email)}&verb=user.role.change&to=${minute(at, -1)}`);
  await expect(page.getByText(EMPTY)).toBeVisible();
});

test("the chain stays verified while other requests append to it", async ({ createUser, apiAs, baseURL }) => {
  // Every sign-in and change appends an entry, so the Audit page is mostly read while others
  // write. Verifying must never mistake an entry that landed mid-check for tampering.
  const admin = await apiAs(await createUser("admin"));
  const target = await createUser("viewer");
  const action = loadServerActions().find((a) => a.key === "lib/users/actions.ts#changeUserRoleAction")!;
  let running = true;
  let reads = 0;
  const reports: string[] = [];

  const writer = async (offset: number) => {
    for (let i = 0; i < 12 && running; i++) {
      const role = (i + offset) % 2 ? "responder" : "viewer";
      const response = await callAction(admin, action, [{ userId: target.id, role }], { path: action.pages[0], origin: baseURL! });
      expect(response.result?.ok, response.body.slice(0, 200)).toBe(true);
    }
  };
  const reader = async () => {
    while (running) {
      const html = await (await admin.get("/audit?verb=user.role.change")).text();
      const ok = /data-testid="chain-status" data-ok="(true|false)"/.exec(html)?.[1];
      reads++;
      expect(ok, "the Audit page shows a chain status").toBeDefined();
      if (ok === "false") {
        const rest = html.slice(html.indexOf('data-ok="false"'));
        reports.push(/entr(?:y|ies) #[^"\\<]+/.exec(rest)?.[0] ?? "Chain broken");
        running = false; // one false alarm is enough to fail
      }
    }
  };

  const readers = [reader(), reader()];
  const writers = await Promise.allSettled([writer(0), writer(1), writer(0), writer(1)]);
  running = false;
  await Promise.all(readers);
  for (const w of writers) if (w.status === "rejected") throw w.reason;
  expect(reads, "Audit page loads during the writes").toBeGreaterThan(2);
  expect(reports, "Audit page loads that reported a broken chain while the chain was intact").toEqual([]);
});
