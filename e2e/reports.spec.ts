// The post-incident report: resolve → create from a template → edit (autosaved) → review →
// publish → export Markdown, and two people editing one report at once.
import fs from "node:fs/promises";
import type { Page } from "@playwright/test";
import { test, expect, signIn, uniqueTag } from "./fixtures";
import { insertDraftReport, insertMitigatedIncident, insertReportTemplate } from "./support/report-seed";
import { formatDuration } from "../lib/incidents/mttx";

test.describe.configure({ timeout: 90_000 });

const utc = (d: Date) => `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;

async function typeSection(page: Page, key: string, text: string) {
  const section = page.locator(`[data-testid="report-section"][data-section="${key}"]`);
  await section.locator(`#section-${key}`).fill(text);
  await expect(section.locator("[data-save]")).toHaveAttribute("data-save", "saved", { timeout: 10_000 });
}

test("resolve an incident, write its report from a template, publish it and export exactly what was written", async ({ page, createUser, db }) => {
  const alice = await createUser("responder", { name: `Alice ${uniqueTag()}` });
  const title = `Outbox stuck ${uniqueTag()}`;
  const incident = await insertMitigatedIncident(db, title, alice.id);
  const template = await insertReportTemplate(db);
  await signIn(page, alice);

  await page.goto(`/incidents/${incident.number}`);
  await expect(page.getByTestId("report-card")).toHaveCount(0);
  await page.getByRole("button", { name: "Resolve", exact: true }).click();
  await expect(page.getByTestId("status-badge").first()).toHaveText("Resolved");
  const resolvedAt: Date = (await db.query(`SELECT "resolvedAt" FROM "Incident" WHERE id = $1`, [incident.id])).rows[0].resolvedAt;

  await page.getByTestId("report-card").getByRole("link", { name: "Write the report" }).click();
  await page.getByLabel("Template").selectOption(template.id);
  await page.getByRole("button", { name: "Create the report" }).click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${incident.number}/report$`));
  await expect(page.getByTestId("report-status-badge")).toHaveAttribute("data-status", "draft");
  const summary = page.locator("#section-summary");
  await expect(summary).toHaveValue(/- \*\*Severity\*\*: P1 \(Critical\)/);
  await expect(page.locator("#section-timeline")).toHaveValue(/📌 Outbox count is 12k and growing/);

  await typeSection(page, "root-cause", "A lease was never released after a worker crash.");
  await typeSection(page, "lessons-learned", "### What went well\n\n- Acknowledged in 3 minutes\n\n### What could be improved\n\n- Alert on lease age");
  // Autosaved: a reload shows it.
  await page.reload();
  await expect(page.locator("#section-root-cause")).toHaveValue("A lease was never released after a worker crash.");

  // An action item tracked on the incident is listed in the report, live from the tracker.
  await db.query(
    `INSERT INTO "ActionItem" (id, "incidentId", title, "ownerId", "dueAt", "trackerUrl", "createdByLabel", "updatedAt") VALUES ($1, $2, 'Alert on lease age', $3, '2026-12-08T12:00:00Z', 'https://tracker.example/SRE-12', 'e2e', now())`,
    [`e2eai${uniqueTag()}`, incident.id, alice.id],
  );
  await page.reload();
  await expect(page.getByTestId("report-action-items")).toContainText("Alert on lease age");

  await page.getByRole("button", { name: "Send for review" }).click();
  await expect(page.getByTestId("report-status-badge")).toHaveAttribute("data-status", "in_review");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("report-status-badge")).toHaveAttribute("data-status", "published");
  // Published is read-only: the document, no editors.
  await expect(page.getByTestId("report-document")).toContainText("A lease was never released after a worker crash.");
  await expect(page.getByTestId("report-editor")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "New revision" })).toBeVisible();

  const took = formatDuration(resolvedAt.getTime() - Date.parse("2026-11-30T10:00:00Z"));
  const ref = `INC-${incident.number}`;
  const expected = `# ${ref} ${title}

<!-- sitrep:report incident=${ref} revision=1 status=published -->

<!-- sitrep:section summary -->
## Summary

- **Incident**: ${ref} ${title}
- **Duration**: 2026-11-30 10:00 UTC – ${utc(resolvedAt)} (${took})
- **Impact**: Jobs queued for 40 minutes
- **Severity**: P1 (Critical)
- **Services**: none recorded
- **Roles**: commander ${alice.name} · scribe none · comms none
- **MTTA**: 3m 00s (target 5m 00s: met)
- **MTTR**: ${took} (no target set)

<!-- sitrep:section timeline -->
## Timeline

- 2026-11-30 10:00 UTC – Issue detected
- 2026-11-30 10:03 UTC – Acknowledged
- 2026-11-30 10:05 UTC – Investigation started
- 2026-11-30 10:15 UTC – 📌 Outbox count is 12k and growing
- 2026-11-30 10:20 UTC – Root cause identified
- 2026-11-30 10:35 UTC – Fix applied
- ${utc(resolvedAt)} – Service restored

<!-- sitrep:section root-cause -->
## Root cause

A lease was never released after a worker crash.

<!-- sitrep:section resolution -->
## Resolution

_No recovery action was run from Sitrep. The steps taken to resolve it. The recovery actions run from Sitrep are listed with their outcomes: add what was done by hand._

<!-- sitrep:section lessons-learned -->
## Lessons learned

### What went well

- Acknowledged in 3 minutes

### What could be improved

- Alert on lease age

<!-- sitrep:section action-items -->
## Action items

- [ ] Alert on lease age (owner ${alice.name}, due 2026-12-08, open, <https://tracker.example/SRE-12>)
`;
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-markdown").click()]);
  expect(download.suggestedFilename()).toBe(`${ref}-report.md`);
  expect(await fs.readFile((await download.path())!, "utf8")).toBe(expected);
  // The publication is on record exactly as exported.
  const stored = await page.request.get(`/api/reports/${incident.number}/markdown?revision=1`);
  expect(await stored.text()).toBe(expected);
  await expect(page.getByTestId("report-revisions")).toContainText("rev 1");

  // A new revision reopens it as a draft; revision 1 stays downloadable.
  await page.getByRole("button", { name: "New revision" }).click();
  await expect(page.getByTestId("report-status-badge")).toHaveAttribute("data-status", "draft");
  await expect(page.getByTestId("report-meta")).toContainText("Revision 2");
  await expect(page.locator("#section-root-cause")).toBeEditable();
});

test("two people edit different sections at once; the same section gives a conflict, never a silent overwrite", async ({ page, freshPage, createUser, db }) => {
  const [alice, bob] = [await createUser("responder"), await createUser("responder")];
  const template = await insertReportTemplate(db);
  const { number } = await insertDraftReport(db, template.id);
  const other = await freshPage();
  await signIn(page, alice);
  await signIn(other, bob);
  await page.goto(`/incidents/${number}/report`);
  // Bob's page hears nothing live: he is still on the version he loaded when he types.
  await other.route("**/api/live*", () => {});
  await other.goto(`/incidents/${number}/report`);

  // Different sections: both saved.
  await typeSection(page, "root-cause", "Alice's root cause");
  await typeSection(other, "lessons-learned", "Bob's lessons");

  // The same section: Alice saves first, Bob's save is refused and names her.
  await typeSection(page, "resolution", "Alice restarted the worker.");
  const bobs = other.locator('[data-testid="report-section"][data-section="resolution"]');
  await bobs.locator("#section-resolution").fill("Bob flushed the outbox.");
  await expect(bobs.getByTestId("conflict")).toContainText(`${alice.email} saved “Resolution” at`);
  await expect(bobs.locator("[data-save]")).toHaveAttribute("data-save", "conflict");
  await expect(bobs.locator("#section-resolution")).toHaveValue("Bob flushed the outbox.");
  const saved = await db.query(`SELECT content FROM "ReportSection" s JOIN "Report" r ON r.id = s."reportId" JOIN "Incident" i ON i.id = r."incidentId" WHERE i.number = $1 AND s.key = 'resolution'`, [number]);
  expect(saved.rows[0].content).toBe("Alice restarted the worker.");

  // Bob takes Alice's version, and every section holds what its writer saved.
  await bobs.getByRole("button", { name: "Load their version" }).click();
  await expect(bobs.locator("#section-resolution")).toHaveValue("Alice restarted the worker.");
  await page.reload();
  await expect(page.locator("#section-lessons-learned")).toHaveValue("Bob's lessons");
  await expect(page.locator("#section-root-cause")).toHaveValue("Alice's root cause");
});

test("a viewer reads the report and exports it, with no controls to change it", async ({ page, createUser, db }) => {
  const viewer = await createUser("viewer");
  const template = await insertReportTemplate(db);
  const { number } = await insertDraftReport(db, template.id);
  await signIn(page, viewer);
  await page.goto(`/incidents/${number}/report`);
  await expect(page.getByTestId("report-document")).toBeVisible();
  await expect(page.getByTestId("report-editor")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send for review" })).toHaveCount(0);
  const res = await page.request.get(`/api/reports/${number}/markdown`);
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain("<!-- sitrep:section root-cause -->\n## Root cause");
});
