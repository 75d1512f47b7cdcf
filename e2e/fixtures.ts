// Shared fixtures for the e2e and security suites (house style 11): every test seeds its own
// users with unique emails straight into the database, signs in through the app, and refuses to
// run against a database that is not on this machine.
import { randomUUID } from "node:crypto";
import { test as base, expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../lib/auth/password";
import { httpSignIn, SESSION_COOKIE } from "./support/http";

export type Role = "viewer" | "responder" | "admin";
export const ROLES: readonly Role[] = ["viewer", "responder", "admin"];
export const ROLE_LABEL: Record<Role, string> = { viewer: "Viewer", responder: "Responder", admin: "Admin" };

export type TestUser = { id: string; email: string; password: string; name: string; role: Role };
export type CreateUserOptions = { active?: boolean; name?: string };
export type CreateUser = (role: Role, options?: CreateUserOptions) => Promise<TestUser>;

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** The database the app under test uses; anything but a local server is refused. */
export function localDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: point it at a local, throwaway PostgreSQL database.");
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) throw new Error(`Refusing to run e2e tests against a non-local database (${host}).`);
  return url;
}

/** A short random tag: unique per call, so parallel tests and repeated runs never collide. */
export const uniqueTag = () => randomUUID().slice(0, 8);
export const uniqueEmail = (prefix: string) => `${prefix}-${uniqueTag()}@e2e.test`;

export async function insertUser(db: pg.Pool, role: Role, options: CreateUserOptions = {}): Promise<TestUser> {
  const tag = uniqueTag();
  const user: TestUser = {
    id: `e2e${randomUUID().replace(/-/g, "").slice(0, 20)}`,
    email: `${role}-${tag}@e2e.test`,
    password: `pw-${randomUUID()}`,
    name: options.name ?? `E2E ${role} ${tag}`,
    role,
  };
  await db.query(
    `INSERT INTO "User" (id, email, name, role, "passwordHash", active, source, "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, 'password', now(), now())`,
    [user.id, user.email, user.name, role, await hashPassword(user.password), options.active ?? true],
  );
  return user;
}

/** Signs in through the sign-in page and waits for the app shell. */
export async function signIn(page: Page, user: Pick<TestUser, "email" | "password">, path = "/login") {
  await page.goto(path);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Password hashing is deliberately slow, and CI's two cores are shared with the whole suite.
  await expect(page.getByTestId("current-user")).toContainText(user.email, { timeout: 15_000 });
}

/** Sign-in attempts the app recorded for this email (successful or not). */
export async function countSignInAttempts(db: pg.Pool, email: string): Promise<number> {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM "LoginAttempt" WHERE email = $1`, [email.trim().toLowerCase()]);
  return rows[0].n;
}

/**
 * Submits the sign-in form and expects to stay on it with this error. Waits for the server to
 * record the attempt first: the same message may already be on screen from the previous try.
 */
export async function expectSignInRefused(
  page: Page,
  db: pg.Pool,
  user: Pick<TestUser, "email" | "password">,
  message: string | RegExp,
) {
  if (!new URL(page.url()).pathname.startsWith("/login")) await page.goto("/login");
  const before = await countSignInAttempts(db, user.email);
  // A previous submission still in flight resets the form when it returns: wait for it.
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect.poll(() => countSignInAttempts(db, user.email)).toBe(before + 1);
  await expect(page.getByTestId("login-error")).toContainText(message);
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByTestId("current-user")).toHaveCount(0);
}

type WorkerFixtures = { db: pg.Pool };
/** A fresh cookie jar against the app, signed in over HTTP when given a user. */
export type ApiAs = (user?: Pick<TestUser, "email" | "password">) => Promise<APIRequestContext>;
/** A page in a fresh browser context (its own cookies: another person), closed after the test. */
export type FreshPage = () => Promise<Page>;
type TestFixtures = { createUser: CreateUser; apiAs: ApiAs; freshPage: FreshPage };

// Fixture callbacks name their continuation `provide`, not `use`: React's lint rules would
// otherwise take it for the `use` hook.
export const test = base.extend<TestFixtures, WorkerFixtures>({
  db: [
    async ({}, provide) => {
      const pool = new pg.Pool({ connectionString: localDatabaseUrl(), max: 3 });
      await provide(pool);
      await pool.end();
    },
    { scope: "worker" },
  ],
  createUser: async ({ db }, provide) => {
    const emails: string[] = [];
    await provide(async (role, options) => {
      const user = await insertUser(db, role, options);
      emails.push(user.email);
      return user;
    });
    // The whole suite signs in from 127.0.0.1, which may fail 50 times per 15 minutes: forget
    // this test's attempts (its own users' emails, or emails made from them), so that quick
    // re-runs against the same database do not lock the address out.
    if (emails.length) await db.query(`DELETE FROM "LoginAttempt" WHERE email LIKE ANY($1)`, [emails.map((e) => `${e}%`)]);
  },
  freshPage: async ({ browser }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async () => {
      const context = await browser.newContext();
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
  apiAs: async ({ playwright, baseURL }, provide) => {
    const contexts: APIRequestContext[] = [];
    await provide(async (user) => {
      const request = await playwright.request.newContext({ baseURL });
      contexts.push(request);
      if (user) {
        const response = await httpSignIn(request, user);
        const cookies = (await request.storageState()).cookies.map((c) => c.name);
        expect(cookies, `HTTP sign-in of ${user.email} (status ${response.status()})`).toContain(SESSION_COOKIE);
      }
      return request;
    });
    await Promise.all(contexts.map((c) => c.dispose()));
  },
});

export { expect };
