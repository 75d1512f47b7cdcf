// Report and checklist templates: an admin builds one and edits it into a new version, moves a
// checklist item to another bucket, and two admins' edits of one template conflict instead of
// overwriting each other; a viewer or responder reads templates and changes nothing. Each test
// makes templates of its own (unique names): the seeded defaults are only read.
import type pg from "pg";
import type { Page } from "@playwright/test";
import { test, expect, signIn, uniqueTag } from "./fixtures";
import { callAction, loadServerActions } from "./support/http";

// Each journey signs in one or two people and saves several times: 15–25 s on these machines,
// more when the suite's other workers keep both cores busy.
test.describe.configure({ timeout: 75_000 });

const toast = (page: Page, text: string | RegExp) => page.locator("[data-sonner-toast]").filter({ hasText: text });
const section = (page: Page, n: number) => page.getByTestId("template-section").nth(n);
const sectionKeys = (page: Page) => page.getByTestId("template-section").evaluateAll((els) => els.map((e) => e.getAttribute("data-key")));

/** A report template of the test's own, straight in the database, at version 1. */
async function seedReportTemplate(db: pg.Pool) {
  const slug = `e2e-template-${uniqueTag()}`;
  const sections = [
    { key: "summary", title: "Summary", type: "summary", guidance: "What broke, for whom." },
    { key: "cause", title: "Cause", type: "markdown", guidance: "Why." },
  ];
  await db.query(`INSERT INTO "ReportTemplate" (id, slug, name, "updatedAt") VALUES ($1, $1, $2, now())`, [slug, `E2E template ${slug}`]);
  await db.query(`INSERT INTO "ReportTemplateVersion" ("templateId", version, sections, "authorLabel") VALUES ($1, 1, $2, 'e2e')`, [slug, JSON.stringify(sections)]);
  return slug;
}
const templateRow = async (db: pg.Pool, slug: string) => (await db.query(`SELECT version, "defaultFor"::text[] AS "defaultFor", name FROM "ReportTemplate" WHERE slug = $1`, [slug])).rows[0];

test("an admin builds a report template, reorders and adds sections, and finds version 2 in the history", async ({ page, createUser, db }) => {
  const admin = await createUser("admin");
  await signIn(page, admin);
  await page.goto("/reports/templates");
  // The seeded defaults, read only: the full report for P1 and P2, the bucketed checklist on resolution.
  await expect(page.locator('[data-testid="template-row"][data-slug="incident-report"] [data-testid="default-for"]')).toHaveText("P1P2");
  await expect(page.locator('[data-testid="template-row"][data-slug="post-incident"]')).toContainText("added on resolution");

  await page.getByRole("link", { name: "New report template" }).click();
  const name = `Security review ${uniqueTag()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Add section" }).click();
  await section(page, 1).getByLabel("Title").fill("Root cause");
  await expect(section(page, 1).getByLabel("Key")).toHaveValue("root-cause");
  await section(page, 1).getByLabel("Guidance").fill("Why it happened, and why we did not see it coming.");
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(toast(page, `${name} created.`)).toBeVisible();
  const slug = name.toLowerCase().replace(/ /g, "-");
  await expect(page).toHaveURL(`/reports/templates/${slug}`);
  await expect(page.getByTestId("template-version")).toHaveCount(1);

  // A third section, moved above Root cause; a bad key first, which keeps everything typed.
  await page.getByRole("button", { name: "Add section" }).click();
  await section(page, 2).getByLabel("Title").fill("Customer impact");
  await section(page, 2).getByLabel("Type").selectOption({ label: "Summary facts" });
  await expect(section(page, 2)).toContainText("Duration, impact, severity, services and roles, prefilled from the incident.");
  await section(page, 2).getByLabel("Key").fill("Customer Impact");
  await page.getByRole("button", { name: "Move Customer impact up" }).click();
  await page.getByLabel("What changed (optional)").fill("customer impact before the cause");
  await page.getByRole("button", { name: "Save new version" }).click();
  await expect(section(page, 1)).toContainText("A section key is lower-case letters, digits and dashes");
  await expect(section(page, 1).getByLabel("Key")).toHaveAttribute("aria-invalid", "true");
  await expect(section(page, 1).getByLabel("Title")).toHaveValue("Customer impact");
  await expect(page.getByLabel("What changed (optional)")).toHaveValue("customer impact before the cause");
  expect((await templateRow(db, slug)).version).toBe(1);

  await section(page, 1).getByLabel("Key").fill("customer-impact");
  await page.getByRole("button", { name: "Save new version" }).click();
  await expect(toast(page, "Saved as version 2.")).toBeVisible();
  await expect(page.getByTestId("template-version")).toHaveCount(2);
  const v2 = page.locator('[data-testid="template-version"][data-version="2"]');
  await expect(v2).toContainText(admin.email);
  await expect(v2).toContainText("customer impact before the cause");
  await expect(v2).toContainText("current");
  await page.reload();
  expect(await sectionKeys(page)).toEqual(["summary", "customer-impact", "root-cause"]);

  // Version 1 is still there, as it was.
  await page.getByRole("link", { name: "View v1" }).click();
  await expect(page.getByTestId("old-version")).toContainText("Version 1 of 2");
  await expect(page.getByTestId("template-section-view")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Save new version" })).toHaveCount(0);

  // Going back to version 1's sections is one more version, not a rewrite of history.
  await page.getByRole("link", { name: "Edit starting from these sections" }).click();
  await expect(page.getByLabel("What changed (optional)")).toHaveValue("Back to the sections of version 1");
  expect(await sectionKeys(page)).toEqual(["summary", "root-cause"]);
  await page.getByRole("button", { name: "Save new version" }).click();
  await expect(toast(page, "Saved as version 3.")).toBeVisible();
  await expect(page).toHaveURL(`/reports/templates/${slug}`);
  await expect(page.locator('[data-testid="template-version"][data-version="3"]')).toContainText("Back to the sections of version 1");
  expect(await sectionKeys(page)).toEqual(["summary", "root-cause"]);
});

test("a viewer and a responder read templates but see no edit controls, and the actions refuse them", async ({ browser, createUser, apiAs, baseURL, db }) => {
  const slug = await seedReportTemplate(db);
  const actions = loadServerActions();
  const update = actions.find((a) => a.key === "lib/reports/template-actions.ts#updateReportTemplateAction")!;
  for (const role of ["viewer", "responder"] as const) {
    const user = await createUser(role);
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, user);
    await page.goto("/reports/templates");
    await expect(page.locator('[data-testid="template-row"][data-slug="incident-report"]')).toBeVisible();
    await expect(page.getByRole("link", { name: /^New (report|checklist) template$/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: /^Edit / })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^(Archive|Restore) / })).toHaveCount(0);

    await page.goto(`/reports/templates/${slug}`);
    await expect(page.getByTestId("template-section-view")).toHaveCount(2);
    await expect(page.getByRole("button", { name: /Save|Add section|Archive/ })).toHaveCount(0);
    await page.goto("/reports/templates/checklists/post-incident");
    await expect(page.getByTestId("checklist-item-view").first()).toBeVisible();
    await expect(page.getByRole("button", { name: /Save|Add item|Archive/ })).toHaveCount(0);
    expect((await page.goto("/reports/templates/new"))?.status()).toBe(403);
    expect((await page.goto("/reports/templates/checklists/new"))?.status()).toBe(403);
    await context.close();

    const api = await apiAs(user);
    const refused = await callAction(api, update, [{ slug, fromVersion: 1, name: "Taken over", sections: [{ key: "x", title: "X", type: "markdown" }], defaultFor: ["P1"] }], { path: `/reports/templates/${slug}`, origin: baseURL! });
    expect(refused.result, refused.body.slice(0, 300)).toMatchObject({ ok: false, code: "FORBIDDEN" });
  }
  expect(await templateRow(db, slug)).toMatchObject({ version: 1, defaultFor: [] });
});

test("an admin moves a checklist item to another bucket and saves version 2", async ({ page, createUser, db }) => {
  const admin = await createUser("admin");
  await signIn(page, admin);
  await page.goto("/reports/templates/checklists/new");
  const name = `DB follow-ups ${uniqueTag()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  const bucket = (b: string) => page.locator(`[data-testid="checklist-bucket"][data-bucket="${b}"]`);
  await bucket("immediate").getByLabel("Item 1 of Immediate").fill("Page the database owner");
  await bucket("short").getByRole("button", { name: "Add item" }).click();
  await expect(bucket("short").getByLabel("Item 1 of Short-term")).toBeFocused();
  await page.keyboard.type("Check replication lag");
  await bucket("short").getByRole("button", { name: "Add item" }).click();
  await page.keyboard.type("Write the timeline");
  await page.getByLabel("Added on resolution").check();
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(toast(page, `${name} created.`)).toBeVisible();
  await expect(page).toHaveURL(/\/reports\/templates\/checklists\/db-follow-ups-/);
  const slug = new URL(page.url()).pathname.split("/").pop()!;

  // The first item of a bucket cannot move up; "Write the timeline" goes to long-term.
  await expect(page.getByRole("button", { name: "Move Check replication lag up" })).toBeDisabled();
  await page.getByLabel("Bucket of Write the timeline").selectOption({ label: "Long-term · 1–7 days" });
  await expect(bucket("long").getByLabel("Item 1 of Long-term")).toHaveValue("Write the timeline");
  await expect(bucket("short").getByTestId("checklist-item")).toHaveCount(1);
  await page.getByRole("button", { name: "Save new version" }).click();
  await expect(toast(page, "Saved as version 2.")).toBeVisible();
  const { rows } = await db.query(`SELECT items, version, "isDefault", "updatedByLabel" FROM "ChecklistTemplate" WHERE slug = $1`, [slug]);
  expect(rows[0]).toMatchObject({
    version: 2, isDefault: true, updatedByLabel: admin.email,
    items: [{ bucket: "immediate", text: "Page the database owner" }, { bucket: "short", text: "Check replication lag" }, { bucket: "long", text: "Write the timeline" }],
  });
  await page.goto("/reports/templates");
  await expect(page.locator(`[data-testid="template-row"][data-slug="${slug}"]`)).toContainText("v2");
});

test("two admins editing one template: the second save is refused, naming who saved which version", async ({ page, createUser, freshPage, db }) => {
  const [alice, bob] = await Promise.all([createUser("admin"), createUser("admin")]);
  const slug = await seedReportTemplate(db);
  await signIn(page, alice);
  await page.goto(`/reports/templates/${slug}`);
  const bobPage = await freshPage();
  await signIn(bobPage, bob);
  await bobPage.goto(`/reports/templates/${slug}`);

  await section(bobPage, 1).getByLabel("Title").fill("Cause and trigger");
  await bobPage.getByRole("button", { name: "Save new version" }).click();
  await expect(toast(bobPage, "Saved as version 2.")).toBeVisible();

  await section(page, 1).getByLabel("Guidance").fill("Alice's guidance");
  await page.getByRole("button", { name: "Save new version" }).click();
  await expect(page.getByTestId("conflict")).toContainText(new RegExp(`${bob.email.replace(/[.]/g, "\\.")} saved version 2 at \\d\\d:\\d\\d UTC while you were editing version 1`));
  await expect(section(page, 1).getByLabel("Guidance")).toHaveValue("Alice's guidance");
  const { rows } = await db.query(`SELECT sections FROM "ReportTemplateVersion" WHERE "templateId" = $1 ORDER BY version`, [slug]);
  expect(rows).toHaveLength(2);
  expect(rows[1].sections[1]).toMatchObject({ title: "Cause and trigger", guidance: "Why." });
});
