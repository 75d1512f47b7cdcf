// The Admin page: who may see it, and adding users through its form.
// (Changing, deactivating and resetting accounts: admin-accounts.spec.ts.)
import { test, expect, signIn, uniqueEmail, type Role } from "./fixtures";
import { addUserForm, openUsersPage, toast, userRow } from "./support/admin-ui";

for (const role of ["viewer", "responder"] satisfies Role[]) {
  test(`a ${role} has no Admin link and gets 403 on the admin pages`, async ({ page, createUser }) => {
    await signIn(page, await createUser(role));
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["War room", "Incidents", "Services", "Runbooks", "Reports", "Audit"]) {
      await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
    }
    await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);

    for (const path of ["/admin/users", "/admin"]) {
      const response = await page.goto(path);
      // Soft, so the rest still runs: see the report on the 200-vs-403 status.
      expect.soft(response?.status(), `HTTP status of ${path}`).toBe(403);
      await expect(page.getByTestId("forbidden")).toBeVisible();
      await expect(addUserForm(page)).toHaveCount(0);
    }
  });
}

test("an admin reaches the users page from the Admin link", async ({ page, createUser }) => {
  const admin = await createUser("admin");
  await signIn(page, admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page).toHaveURL("/admin/users");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();

  const me = userRow(page, admin.email);
  await expect(me).toContainText("(you)");
  // No one can deactivate themselves, so the button is not offered.
  await expect(me.getByRole("button", { name: "Deactivate" })).toHaveCount(0);
});

test("an admin adds a user who can then sign in", async ({ page, createUser, db, freshPage }) => {
  await signIn(page, await createUser("admin"));
  await openUsersPage(page);
  const email = uniqueEmail("added");
  const password = `initial-${email}`;

  const form = addUserForm(page);
  await form.getByLabel("Name").fill("Added Person");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role", { exact: true }).selectOption("viewer");
  await form.getByLabel("Initial password").fill(password);
  await form.getByRole("button", { name: "Add user" }).click();

  await expect(toast(page, `Created ${email} as viewer.`)).toBeVisible();
  await expect(userRow(page, email)).toContainText("Added Person");
  await expect(userRow(page, email)).toContainText("Viewer");
  const { rows } = await db.query(`SELECT name, role, active, source FROM "User" WHERE email = $1`, [email]);
  expect(rows).toEqual([{ name: "Added Person", role: "viewer", active: true, source: "password" }]);

  const newcomer = await freshPage();
  await signIn(newcomer, { email, password });
  await expect(newcomer.getByTestId("current-role")).toHaveText("Viewer");
});

test("the add-user form shows field errors beside the fields and creates nobody", async ({ page, createUser, db }) => {
  await signIn(page, await createUser("admin"));
  await openUsersPage(page);
  const form = addUserForm(page);
  const email = uniqueEmail("short-password");

  // A bad email.
  await form.getByLabel("Name").fill("Bad Email");
  await form.getByLabel("Email").fill(`not-an-email-${email.split("@")[0]}`);
  await form.getByLabel("Initial password").fill("a-long-enough-password");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.locator("#email ~ #email-error")).toHaveText("Enter a valid email address.");
  await expect(form.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(form.locator("#password-error")).toHaveCount(0);

  // A valid email with a short password.
  await form.getByLabel("Name").fill("Short Password");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Initial password").fill("short");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.locator("#password ~ #password-error")).toHaveText("Use at least 12 characters.");
  await expect(form.getByLabel("Initial password")).toHaveAttribute("aria-invalid", "true");
  await expect(form.locator("#email-error")).toHaveCount(0);

  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0);
  await expect(userRow(page, email)).toHaveCount(0);
  const { rows } = await db.query(`SELECT email FROM "User" WHERE email LIKE $1`, [`%${email.split("@")[0].slice(-8)}%`]);
  expect(rows).toEqual([]);
});

test("after a field error the add-user form keeps what the admin typed", async ({ page, createUser }) => {
  await signIn(page, await createUser("admin"));
  await openUsersPage(page);
  const form = addUserForm(page);
  const email = uniqueEmail("kept");

  await form.getByLabel("Name").fill("Kept Person");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role", { exact: true }).selectOption("viewer");
  await form.getByLabel("Initial password").fill("short");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.locator("#password-error")).toHaveText("Use at least 12 characters.");

  // Only the password needs fixing. A silently reset role (back to the default, Responder)
  // would create the account with a role the admin did not choose.
  await expect(form.getByLabel("Role", { exact: true })).toHaveValue("viewer");
  await expect(form.getByLabel("Email")).toHaveValue(email);
  await expect(form.getByLabel("Name")).toHaveValue("Kept Person");
});
