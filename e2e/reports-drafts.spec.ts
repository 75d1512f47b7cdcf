// What a report writer types is never lost: not by leaving the page mid-sentence, not by the
// report being published while their save is on its way.
import { test, expect, signIn } from "./fixtures";
import { insertDraftReport, insertReportTemplate } from "./support/report-seed";

test.describe.configure({ timeout: 90_000 });

const sectionContent = async (db: import("pg").Pool, reportId: string, key: string) =>
  (await db.query(`SELECT content FROM "ReportSection" WHERE "reportId" = $1 AND key = $2`, [reportId, key])).rows[0]?.content as string;

test("text typed just before leaving the page is saved on the way out", async ({ page, createUser, db }) => {
  const alice = await createUser("responder");
  const { number, reportId } = await insertDraftReport(db, (await insertReportTemplate(db)).id);
  await signIn(page, alice);
  await page.goto(`/incidents/${number}/report`);
  await page.locator("#section-root-cause").fill("Typed, then straight back to the incident");
  // Well within the autosave delay: the editor unmounts with its save still pending.
  await page.locator("a", { hasText: `INC-${number}` }).first().click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${number}$`));
  await expect.poll(() => sectionContent(db, reportId, "root-cause")).toBe("Typed, then straight back to the incident");
});

test("a save that arrives after someone published keeps the text, shown with Copy on the read-only report", async ({ page, freshPage, createUser, db }) => {
  const [alice, bob] = [await createUser("responder"), await createUser("responder")];
  const { number, reportId } = await insertDraftReport(db, (await insertReportTemplate(db)).id);
  await db.query(`UPDATE "Report" SET status = 'in_review' WHERE id = $1`, [reportId]);
  const other = await freshPage();
  await signIn(page, alice);
  await signIn(other, bob);
  await page.goto(`/incidents/${number}/report`);
  await other.goto(`/incidents/${number}/report`);

  // Hold Alice's save (a server action POST to this page) until Bob has published.
  let release!: () => void;
  const published = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/incidents/${number}/report`, async (route) => {
    if (route.request().method() === "POST") await published;
    await route.continue();
  });
  await page.locator("#section-lessons-learned").fill("Alice's lesson, typed during the publish");
  await expect(page.locator('[data-section="lessons-learned"] [data-save]')).toHaveAttribute("data-save", "saving", { timeout: 10_000 });
  await other.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(other.getByTestId("report-status-badge")).toHaveAttribute("data-status", "published");
  release();

  // Alice's page turns read-only; her text is not in the published report, and not lost either.
  await expect(page.getByTestId("report-editor")).toHaveCount(0, { timeout: 15_000 });
  const drafts = page.getByTestId("unsaved-drafts");
  await expect(drafts).toContainText("Your text for “Lessons learned”");
  await expect(drafts).toContainText("Alice's lesson, typed during the publish");
  expect(await sectionContent(db, reportId, "lessons-learned")).toBe("");
  // It survives a reload (kept in this browser) until discarded.
  await page.reload();
  await expect(page.getByTestId("unsaved-drafts")).toContainText("Alice's lesson");
  await page.getByTestId("unsaved-drafts").getByRole("button", { name: "Discard" }).click();
  await expect(page.getByTestId("unsaved-drafts")).toHaveCount(0);
});
