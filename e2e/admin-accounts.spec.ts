// Managing existing accounts from the Admin page: role, deactivation, password. The person
// whose account changes is signed in in a second browser context.
import { test, expect, signIn, expectSignInRefused } from "./fixtures";
import { deactivate, openUsersPage, reactivate, toast, userRow } from "./support/admin-ui";

// Two people, several sign-ins and page loads per test: give a loaded CI machine room.
test.describe.configure({ timeout: 60_000 });

test("an admin changes a role, and it applies to the user's open session at once", async ({ page, createUser, db, freshPage }) => {
  const target = await createUser("viewer");
  const targetPage = await freshPage();
  await signIn(targetPage, target);
  await expect(targetPage.getByTestId("current-role")).toHaveText("Viewer");

  await signIn(page, await createUser("admin"));
  await openUsersPage(page);
  const row = userRow(page, target.email);
  await expect(row.getByRole("button", { name: "Save role" })).toHaveCount(0);
  await row.getByLabel(`Role for ${target.email}`).selectOption("responder");
  await row.getByRole("button", { name: "Save role" }).click();

  await expect(toast(page, `${target.email} is now responder.`)).toBeVisible();
  await expect(row.getByRole("cell", { name: "Responder", exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: "Save role" })).toHaveCount(0);
  const { rows } = await db.query(`SELECT role FROM "User" WHERE id = $1`, [target.id]);
  expect(rows[0].role).toBe("responder");

  await targetPage.reload();
  await expect(targetPage.getByTestId("current-role")).toHaveText("Responder");
});

test("deactivation ends the user's session and sign-in; reactivation restores access", async ({ page, createUser, db, freshPage }) => {
  const target = await createUser("responder");
  const targetPage = await freshPage();
  await signIn(targetPage, target);

  await signIn(page, await createUser("admin"));
  await openUsersPage(page);
  const row = userRow(page, target.email);
  expect(await deactivate(page, target.email)).toMatch(new RegExp(`^confirm: .*${target.email.replace(/\./g, "\\.")}`));
  await expect(row).toContainText("Deactivated");
  await expect(row.getByRole("button", { name: "Reactivate" })).toBeVisible();

  // The still-open session stops working on its next request.
  await targetPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
  await expect(targetPage).toHaveURL(/\/login\?error=session-ended$/);
  await expect(targetPage.getByTestId("login-error")).toHaveText("Your session has ended. Sign in again.");
  await expectSignInRefused(targetPage, db, target, "This account is deactivated.");

  await reactivate(page, target.email);
  await expect(row.getByRole("button", { name: "Deactivate" })).toBeVisible();

  const later = await freshPage();
  await signIn(later, target);
  await expect(later.getByTestId("current-role")).toHaveText("Responder");
});

test("a session ended by deactivation stays ended after reactivation", async ({ page, createUser, freshPage }) => {
  const target = await createUser("viewer");
  const targetPage = await freshPage();
  await signIn(targetPage, target);

  await signIn(page, await createUser("admin"));
  await openUsersPage(page);
  await deactivate(page, target.email);
  await targetPage.goto("/incidents");
  await expect(targetPage.getByTestId("login-error")).toHaveText("Your session has ended. Sign in again.");
  await reactivate(page, target.email);

  // The app told this browser its session had ended: coming back must take a fresh sign-in,
  // or whoever held the cookie (often the reason for deactivating) walks straight back in.
  await targetPage.goto("/incidents");
  await expect(targetPage).toHaveURL(/\/login/);
  await expect(targetPage.getByTestId("current-user")).toHaveCount(0);
});

test("an admin resets a password: the new one works, the old one does not", async ({ page, createUser, db, freshPage }) => {
  const target = await createUser("viewer");
  await signIn(page, await createUser("admin"));
  await openUsersPage(page);
  const row = userRow(page, target.email);
  const newPassword = `reset-${target.password}`;

  await row.getByRole("button", { name: "Reset password" }).click();
  await row.getByLabel(`New password for ${target.email}`).fill(newPassword);
  await row.getByRole("button", { name: "Set" }).click();
  await expect(toast(page, "Password changed.")).toBeVisible();

  const targetPage = await freshPage();
  await expectSignInRefused(targetPage, db, target, "Wrong email or password.");
  await signIn(targetPage, { email: target.email, password: newPassword });
});
