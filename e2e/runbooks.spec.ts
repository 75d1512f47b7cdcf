// Runbooks: import a seed document through the UI, find it in the library, follow it inside an
// incident from two browsers at once (progress live, on the timeline), edit it with a live
// preview, compare versions, and export it back to Markdown.
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Page } from "@playwright/test";
import { test, expect, signIn, uniqueTag } from "./fixtures";

const seed = (file: string) => readFileSync(new URL(`../demo/runbooks/${file}`, import.meta.url), "utf8");
const SEED = seed("beamline-router-recovery.md");
const toast = (page: Page, text: string | RegExp) => page.locator("[data-sonner-toast]").filter({ hasText: text });

async function insertIncident(db: pg.Pool, services: string[]) {
  const id = `e2erb${randomUUID().replace(/-/g, "").slice(0, 18)}`;
  const title = `NATS down ${uniqueTag()}`;
  const { rows } = await db.query(
    `INSERT INTO "Incident" (id, title, severity, status, services, "startedAt", "updatedAt") VALUES ($1, $2, 'P1', 'investigating', $3, now() - interval '90 seconds', now()) RETURNING number`,
    [id, title, services],
  );
  return { id, number: rows[0].number as number, title };
}

async function importSeed(page: Page, name: string) {
  await page.goto("/runbooks/import");
  await page.getByLabel("Markdown file").setInputFiles({ name, mimeType: "text/markdown", buffer: Buffer.from(SEED) });
  await expect(page.getByTestId("import-preview")).toBeVisible();
  await expect(page.getByLabel("Document name")).toHaveValue(name);
  await page.getByLabel("Services (optional)").fill("beamline-router, nats");
  // The preview is the server's parser, run in the browser.
  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText("6 runbooks");
  await expect(preview).toContainText("NATS Recovery");
  await expect(preview).toContainText("1 dangerous");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(toast(page, `${name}: 6 new, 0 updated, 0 unchanged.`)).toBeVisible();
}

test("import a seed, follow it from two browsers, and see progress live and on the timeline", async ({ page: adminPage, db, createUser, freshPage }) => {
  // Three people in three browsers through a whole journey: about 30 s on these machines.
  test.setTimeout(75_000);
  const [admin, alice, bob] = await Promise.all([createUser("admin"), createUser("responder"), createUser("responder")]);
  const name = `beamline-${uniqueTag()}.md`;
  await signIn(adminPage, admin);
  await importSeed(adminPage, name);
  const slug = `${name.replace(/\.md$/, "")}--nats-recovery`;

  // The library finds it by a command it runs, filtered by service.
  await adminPage.goto(`/runbooks?q=${encodeURIComponent("nats stream purge")}&service=beamline-router`);
  await expect(adminPage.getByTestId("runbooks-table").locator(`a[href="/runbooks/${slug}"]`)).toBeVisible();

  const incident = await insertIncident(db, ["beamline-router"]);
  // Alice and Bob are two more people, each in a browser of their own.
  const page = await freshPage();
  await signIn(page, alice);
  await page.goto(`/incidents/${incident.number}`);
  // The incident suggests runbooks of its services (other tests import this seed too, so which
  // copies come first is not this test's business: lib/runbooks tests the ranking); start this
  // copy from its own page, as a responder would.
  await expect(page.getByTestId("suggested-runbooks").getByRole("button", { name: /^Start runbook/ }).first()).toBeVisible();
  await page.goto(`/runbooks/${slug}`);
  await page.getByLabel("Incident", { exact: true }).selectOption({ label: `INC-${incident.number} ${incident.title}` });
  await page.getByRole("button", { name: "Start guided run" }).click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${incident.number}/runbooks/`));
  const runUrl = new URL(page.url()).pathname;

  const bobPage = await freshPage();
  await signIn(bobPage, bob);
  await bobPage.goto(runUrl);
  await expect(bobPage.getByTestId("guided-run")).toContainText("NATS Recovery");

  // Alice marks step 1 done; Bob sees it without reloading.
  const step1 = (p: Page) => p.locator('[data-testid="step"][data-step="0.0"]');
  await step1(page).getByRole("button", { name: "Done" }).click();
  await expect(step1(bobPage).getByTestId("step-state")).toContainText(`done by ${alice.email}`);
  await expect(bobPage.getByTestId("run-progress").first()).toContainText("1 of 9 steps");

  // Bob fills the placeholder once; Alice's purge command now names the stream.
  await bobPage.getByLabel("Value for <STREAM_NAME>").fill("ROUTER_DECIDE");
  await bobPage.getByRole("button", { name: "Use these values" }).click();
  const purge = page.getByTestId("step").filter({ hasText: "Purge (Extreme)" });
  await expect(purge.getByTestId("command")).toContainText("nats stream purge ROUTER_DECIDE");
  await expect(purge.getByTestId("danger")).toHaveText(/DANGER: Data loss/);

  // Bob, who saw step 1 done, marks it failed with a note: a deliberate change, so it applies.
  await step1(bobPage).getByRole("button", { name: "Add a note to step 1" }).click();
  await step1(bobPage).getByLabel("Note for step 1").fill("status script hangs");
  await step1(bobPage).getByRole("button", { name: "Failed" }).click();
  await expect(step1(page).getByTestId("step-state")).toContainText(`failed by ${bob.email}`);
  await expect(step1(page).getByTestId("step-state")).toContainText("status script hangs");

  // The incident's timeline tells the story, and the war room shows the run's progress.
  await page.goto(`/incidents/${incident.number}`);
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText(`Step 1 ‘If the NATS server itself has crashed’ done by ${alice.email}`);
  await expect(timeline).toContainText(`Step 1 ‘If the NATS server itself has crashed’ failed by ${bob.email}`);
  await expect(timeline).toContainText("Filled in <STREAM_NAME>");
  await expect(page.getByTestId("incident-run")).toContainText("1 of 9 steps · 1 failed");
  await page.goto(`/?incident=${incident.number}`);
  await expect(page.getByTestId("war-room-run")).toContainText("NATS Recovery");
  await expect(page.getByTestId("war-room-run")).toContainText("Next: Verify network stability between Router and NATS");
});

test("edit a runbook with a live preview, refuse a stale save, compare versions and export", async ({ page, createUser, freshPage, apiAs }) => {
  const admin = await createUser("admin");
  const name = `beamline-edit-${uniqueTag()}.md`;
  await signIn(page, admin);
  await importSeed(page, name);
  const slug = `${name.replace(/\.md$/, "")}--clean-state-restart`;

  await page.goto(`/runbooks/${slug}?view=edit`);
  const editor = page.getByLabel("Markdown", { exact: true });
  const original = await editor.inputValue();
  const edited = original.replace("### Procedure", "### Procedure\n0.  **Announce the restart** in #ops: `echo restarting`");
  await editor.fill(edited);
  await expect(page.getByTestId("editor-preview")).toContainText("Announce the restart");

  // Someone else saves first: this save is refused, and the text stays in the editor.
  const other = await freshPage();
  await signIn(other, admin);
  await other.goto(`/runbooks/${slug}?view=edit`);
  await other.getByLabel("Markdown", { exact: true }).fill(`${original}\n<!-- reviewed -->\n`);
  await other.getByRole("button", { name: "Save new version" }).click();
  await expect(toast(other, "Saved as version 2.")).toBeVisible();
  await page.getByRole("button", { name: "Save new version" }).click();
  await expect(page.getByTestId("conflict")).toContainText("saved version 2");
  await expect(editor).toHaveValue(edited);

  await page.goto(`/runbooks/${slug}?view=versions&a=1&b=2`);
  await expect(page.getByTestId("version-diff")).toContainText(/\+\d+ −0/);
  await expect(page.getByTestId("version-diff").locator('[data-kind="add"]').filter({ hasText: "<!-- reviewed -->" })).toHaveCount(1);
  await expect(page.getByTestId("version-diff").locator('[data-kind="del"]')).toHaveCount(0);

  const api = await apiAs(admin);
  const exported = await api.get(`/api/runbooks/${slug}/markdown`);
  expect(exported.headers()["content-type"]).toContain("text/markdown");
  expect(await exported.text()).toBe(`${original}\n<!-- reviewed -->\n`);
  const v1 = await api.get(`/api/runbooks/${slug}/markdown?version=1`);
  expect(await v1.text()).toBe(original);
});

test("a viewer reads runbooks but cannot import, edit or run them", async ({ page, createUser }) => {
  const viewer = await createUser("viewer");
  await signIn(page, viewer);
  await page.goto("/runbooks");
  await expect(page.getByRole("link", { name: "Import Markdown" })).toHaveCount(0);
  const res = await page.goto("/runbooks/import");
  expect(res?.status()).toBe(403);
});

test("the importer suggests the action a step's command performs, and binding it makes a new version", async ({ page, createUser, apiAs }) => {
  const admin = await createUser("admin");
  await signIn(page, admin);
  const name = `beacon-${uniqueTag()}.md`;
  await page.goto("/runbooks/import");
  await page.getByLabel("Document name").fill(name);
  await page.getByLabel("Markdown", { exact: true }).fill(seed("beacon-runner-runbook.md"));
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(toast(page, `${name}: 20 new`)).toBeVisible();
  const slug = `${name.replace(/\.md$/, "")}--runner-down`;

  await page.goto(`/runbooks/${slug}`);
  const restart = page.getByTestId("step").filter({ hasText: "flyctl restart --app beacon-runner-production" });
  await expect(restart.getByTestId("step-binder")).toContainText("Suggested action: Restart the runner (flyctl restart) (beacon-runner/restart)");
  await restart.getByRole("button", { name: "Bind" }).click();
  await expect(toast(page, "Step bound to beacon-runner/restart (version 2).")).toBeVisible();
  await expect(restart.getByTestId("binding")).toHaveText(/Recovery action: beacon-runner\/restart/);

  const api = await apiAs(admin);
  const exported = await (await api.get(`/api/runbooks/${slug}/markdown`)).text();
  expect(exported).toContain("flyctl restart --app beacon-runner-production`\n\n   ```sitrep-action\n   action: beacon-runner/restart\n   ```");
});
