// Single sign-on against a real OpenID Connect provider (node-oidc-provider, started by
// playwright.config.ts). Its development login accepts any login; the login decides the groups.
import { expect, test } from "./fixtures";
import { uniqueTag } from "./fixtures";
import { runRow, seedActionRun, seedIncident } from "./support/action-runs";

async function ssoSignIn(page: import("@playwright/test").Page, login: string) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Test SSO" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test.describe("single sign-on (OIDC)", () => {
  test("maps the groups claim to a role and creates the user on first sign-in", async ({ page, db }) => {
    const login = `oncall-${uniqueTag()}`;
    await ssoSignIn(page, login);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId("current-user")).toContainText(`${login}@oidc.test`);
    await expect(page.getByTestId("current-role")).toHaveText("Responder");
    const { rows } = await db.query(`SELECT role, source, "passwordHash" FROM "User" WHERE email = $1`, [`${login}@oidc.test`]);
    expect(rows).toEqual([{ role: "responder", source: "oidc", passwordHash: null }]);
  });

  test("a mapped admin group gives the admin role; an unmapped user gets the default viewer role", async ({ page, browser }) => {
    await ssoSignIn(page, `admin-${uniqueTag()}`);
    await expect(page.getByTestId("current-role")).toHaveText("Admin");
    const other = await browser.newPage();
    await ssoSignIn(other, `plain-${uniqueTag()}`);
    await expect(other.getByTestId("current-role")).toHaveText("Viewer");
    await other.close();
  });

  test("a deactivated SSO user is refused even though the provider vouches for them", async ({ page, db }) => {
    const login = `oncall-${uniqueTag()}`;
    await ssoSignIn(page, login);
    await expect(page.getByTestId("current-role")).toHaveText("Responder");
    await db.query(`UPDATE "User" SET active = false, "sessionVersion" = "sessionVersion" + 1 WHERE email = $1`, [`${login}@oidc.test`]);
    await page.context().clearCookies();
    await ssoSignIn(page, login);
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByTestId("login-error")).toContainText("not allowed into Sitrep");
  });

  test("an SSO responder approves a waiting action on the strength of a fresh sign-in, without a password", async ({ page, db }) => {
    const incident = await seedIncident(db, "SSO approval");
    const runId = await seedActionRun(db, { action: "restart", status: "awaiting_approval", incidentId: incident.id });
    const login = `oncall-${uniqueTag()}`;
    await ssoSignIn(page, login);
    await expect(page.getByTestId("current-role")).toHaveText("Responder");
    await page.goto(`/incidents/${incident.number}`);
    const card = page.locator(`[data-testid="action-run"][data-status="awaiting_approval"]`);
    await card.getByRole("button", { name: "Approve" }).click();
    await expect(page.locator('[data-testid="action-run"][data-status="requested"]')).toContainText("Approved by");
    const row = await runRow(db, runId);
    const { rows: [user] } = await db.query(`SELECT id FROM "User" WHERE email = $1`, [`${login}@oidc.test`]);
    expect(row).toMatchObject({ status: "requested", approvedById: user.id, approvedHash: row!.targetHash });
    const { rows: [entry] } = await db.query(`SELECT after FROM "AuditEntry" WHERE verb = 'action.approve' AND after->>'runId' = $1`, [runId]);
    expect(entry.after).toMatchObject({ confirmedBy: "sso", targetHash: row!.targetHash });
  });
});
