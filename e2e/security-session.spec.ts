// Sessions over raw HTTP: next-auth's credentials sign-in sets a session cookie scripts in the
// page cannot read; a wrong password sets none; the address the rate limit counts cannot be
// chosen by the client.
import { test, expect, signIn } from "./fixtures";
import { httpSignIn, setCookieHeaders, SESSION_COOKIE } from "./support/http";

const sessionCookieOf = (headers: string[]) => headers.find((h) => h.startsWith(`${SESSION_COOKIE}=`));

test("signing in over HTTP sets an HttpOnly, SameSite=Lax session cookie", async ({ apiAs, createUser }) => {
  const user = await createUser("responder");
  const request = await apiAs();
  const response = await httpSignIn(request, user);
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).not.toContain("error=");

  const cookie = sessionCookieOf(setCookieHeaders(response));
  expect(cookie, "session cookie set").toBeDefined();
  expect(cookie).toMatch(/;\s*HttpOnly(;|$)/i);
  expect(cookie).toMatch(/;\s*SameSite=Lax(;|$)/i);
  expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);

  const session = await (await request.get("/api/auth/session")).json();
  expect(session).toMatchObject({ user: { email: user.email, name: user.name, id: user.id } });
});

test("a wrong password over HTTP sets no session cookie", async ({ apiAs, createUser }) => {
  const user = await createUser("viewer");
  const request = await apiAs();
  const response = await httpSignIn(request, { email: user.email, password: `${user.password}-wrong` });
  expect(response.headers()["location"]).toContain("error=CredentialsSignin");
  expect(sessionCookieOf(setCookieHeaders(response))).toBeUndefined();
  expect((await request.storageState()).cookies.map((c) => c.name)).not.toContain(SESSION_COOKIE);
  expect(await (await request.get("/api/auth/session")).json()).toBeNull();
});

test("the client address recorded for rate limiting ignores client-sent headers", async ({ apiAs, createUser, db }) => {
  // Correct passwords only: successes are recorded with the address too, and cost no budget.
  const user = await createUser("viewer");
  const spoofed = ["203.0.113.77", "198.51.100.77"];
  await httpSignIn(await apiAs(), user, { "x-sitrep-remote-addr": spoofed[0] });
  await httpSignIn(await apiAs(), user, { "x-forwarded-for": spoofed[1] });

  const { rows } = await db.query(`SELECT ip FROM "LoginAttempt" WHERE email = $1 ORDER BY id`, [user.email]);
  expect(rows).toHaveLength(2);
  // With SITREP_TRUST_PROXY unset, the address must come from the socket (this suite: loopback).
  for (const { ip } of rows) expect(ip, "recorded client address").toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
});

test("a session cookie captured before signing out is refused after it", async ({ page, createUser, browser }) => {
  const user = await createUser("responder");
  await signIn(page, user);
  const captured = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(captured, "session cookie after sign-in").toBeDefined();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  // Replayed by someone who copied it (another tab, a shared machine, a stolen cookie).
  const replay = await browser.newContext();
  try {
    await replay.addCookies([captured!]);
    expect((await replay.request.get("/api/war-room")).status()).toBe(401);
    expect(await (await replay.request.get("/api/auth/session")).json()).toBeNull();
    const replayPage = await replay.newPage();
    await replayPage.goto("/incidents");
    await expect(replayPage).toHaveURL(/\/login/);
  } finally {
    await replay.close();
  }
});
