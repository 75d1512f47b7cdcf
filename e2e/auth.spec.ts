// Signing in and out through the sign-in page. Budget: the whole suite comes from 127.0.0.1, which
// may fail 50 sign-ins per 15 minutes; this file spends 8 of them (the suite about 11).
import { test, expect, signIn, expectSignInRefused, countSignInAttempts, ROLES, ROLE_LABEL } from "./fixtures";

const WRONG = "Wrong email or password.";
const LOCKED = /Too many failed sign-in attempts\. Try again in \d+ minutes?/;

test("signs in, shows who is signed in, and signs out", async ({ page, createUser }) => {
  const user = await createUser("responder");
  await signIn(page, user);

  await expect(page).toHaveURL("/");
  await expect(page.getByTestId("current-user")).toContainText(user.name);
  await expect(page.getByTestId("current-role")).toHaveText("Responder");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();

  // The session is really gone: app pages send us back to sign in.
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fincidents$/);
  await expect(page.getByTestId("current-user")).toHaveCount(0);
});

for (const role of ROLES) {
  test(`the shell shows the name, email and role of ${role === "admin" ? "an" : "a"} ${role}`, async ({ page, createUser }) => {
    const user = await createUser(role);
    await signIn(page, user);
    const shell = page.getByTestId("current-user");
    await expect(shell).toContainText(user.name);
    await expect(shell).toContainText(user.email);
    await expect(page.getByTestId("current-role")).toHaveText(ROLE_LABEL[role]);
  });
}

test("a wrong password or an unknown email gets the same message and no session", async ({ page, createUser, db }) => {
  const user = await createUser("viewer");
  await expectSignInRefused(page, db, { email: user.email, password: `${user.password}-nope` }, WRONG);
  await expectSignInRefused(page, db, { email: `${user.email}.invalid`, password: user.password }, WRONG);

  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("an anonymous visit keeps its destination through sign-in", async ({ page, createUser }) => {
  const user = await createUser("viewer");
  await page.goto("/audit?verb=auth.signin");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faudit%3Fverb%3Dauth\.signin$/);

  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  await expect(page).toHaveURL("/audit?verb=auth.signin");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText(user.email);
});

test("an off-site callbackUrl is ignored after sign-in", async ({ page, createUser }) => {
  const user = await createUser("viewer");
  await page.goto("/login?callbackUrl=https%3A%2F%2Fevil.example%2Fphish");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toContainText(user.email);
  await expect(page).toHaveURL("/");
});

test("after 5 wrong passwords even the right one is refused", async ({ page, createUser, db }) => {
  const user = await createUser("viewer");
  const attempts = () => countSignInAttempts(db, user.email);

  await page.goto("/login");
  for (let i = 1; i <= 5; i++) {
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(`wrong-${i}-${user.password}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    // The message text repeats, so wait for the server to record this attempt before the next.
    await expect.poll(attempts).toBe(i);
    await expect(page.getByTestId("login-error")).toHaveText(WRONG);
  }

  await expectSignInRefused(page, db, user, LOCKED);
  await expect.poll(attempts).toBe(6);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});
