// Access control of server actions over raw HTTP, no browser. Every server action is a public
// endpoint, so each one must be listed here with who may call it, and is called by everyone who
// may not. A new action that is not listed fails the suite. (Route handlers:
// security-routes.spec.ts; sessions: security-session.spec.ts.)
import type pg from "pg";
import { test, expect, ROLES, uniqueEmail, uniqueTag, type CreateUser, type Role, type TestUser } from "./fixtures";
import { RECOVERY_ACTIONS } from "./support/action-probes";
import { RUNBOOK_ACTIONS } from "./support/runbook-probes";
import { REPORT_ACTIONS } from "./support/report-probes";
import { TEMPLATE_ACTIONS } from "./support/template-probes";
import { FOLLOWUP_ACTIONS } from "./support/followup-probes";
import { ALERT_ACTIONS } from "./support/alert-probes";
import { NOTIFICATION_ACTIONS } from "./support/notification-probes";
import { INCIDENT_LINK_ACTIONS } from "./support/incident-link-probes";
import { callAction, loadServerActions, SESSION_COOKIE, type ActionResponse, type ManifestAction } from "./support/http";

// ── Server actions ────────────────────────────────────────────────────────────────────────────

type Probe = {
  /**
   * Seeds what the call would change; returns its argument and whether the change happened.
   * `caller` is who will call it (none when anonymous): an approval re-confirms their password.
   * `revealed`, for an action that writes nothing (a preview): whether its answer carried the data.
   */
  prepare(ctx: { db: pg.Pool; createUser: CreateUser; caller?: TestUser }): Promise<{
    input: unknown;
    changed(): Promise<boolean>;
    revealed?(result: ActionResponse["result"]): boolean;
  }>;
};
type ActionAccess =
  | { access: "public"; why: string }
  // probe: how to call it for real and see whether it did anything (a new action without one
  // is still called with `{}` and must be refused before its input is even looked at).
  | { access: Role; probe?: Probe };

const userProbe = (change: (id: string) => unknown, changed: (db: pg.Pool, id: string, before: Record<string, unknown>) => Promise<boolean>): Probe => ({
  async prepare({ db, createUser }) {
    const target = await createUser("viewer");
    const before = (await db.query(`SELECT * FROM "User" WHERE id = $1`, [target.id])).rows[0];
    return { input: change(target.id), changed: () => changed(db, target.id, before) };
  },
});
const userField = async (db: pg.Pool, id: string, column: string) =>
  (await db.query(`SELECT "${column}" AS v FROM "User" WHERE id = $1`, [id])).rows[0]?.v;

/** An incident straight in the database, for the incident actions' probes. */
async function seedIncident(db: pg.Pool, severity = "P3") {
  const id = `probeinc${uniqueTag()}${uniqueTag()}`;
  const title = `Probe incident ${id}`;
  await db.query(
    `INSERT INTO "Incident" (id, title, severity, status, "startedAt", "updatedAt") VALUES ($1, $2, $3, 'triggered', now(), now())`,
    [id, title, severity],
  );
  return { id, title };
}
const incidentField = async (db: pg.Pool, id: string, column: string) =>
  (await db.query(`SELECT "${column}" AS v FROM "Incident" WHERE id = $1`, [id])).rows[0]?.v;
/** A probe on a fresh incident: `input` builds the call, `changed` reads whether it did anything. */
const incidentProbe = (
  input: (incident: { id: string; title: string }, ctx: { db: pg.Pool; createUser: CreateUser }) => Promise<unknown> | unknown,
  changed: (db: pg.Pool, incident: { id: string; title: string }) => Promise<boolean>,
): Probe => ({
  async prepare(ctx) {
    const incident = await seedIncident(ctx.db);
    return { input: await input(incident, ctx), changed: () => changed(ctx.db, incident) };
  },
});
const eventCount = async (db: pg.Pool, incidentId: string, kind: string) =>
  (await db.query(`SELECT count(*)::int AS n FROM "TimelineEvent" WHERE "incidentId" = $1 AND kind = $2`, [incidentId, kind])).rows[0].n as number;

const ACTIONS: Record<string, ActionAccess> = {
  "lib/auth/actions.ts#loginAction": { access: "public", why: "how a person gets a session; rate-limited" },
  "lib/auth/actions.ts#oidcSignInAction": { access: "public", why: "starts single sign-on" },
  "lib/auth/actions.ts#signOutAction": { access: "public", why: "ends the caller's own session; harmless without one" },
  "lib/users/actions.ts#createUserAction": {
    access: "admin",
    probe: {
      async prepare({ db }) {
        const email = uniqueEmail("probe-created");
        return {
          input: { email, name: "Probe Created", role: "admin", password: `probe-${email}` },
          changed: async () => (await db.query(`SELECT 1 FROM "User" WHERE email = $1`, [email])).rowCount! > 0,
        };
      },
    },
  },
  "lib/users/actions.ts#changeUserRoleAction": {
    access: "admin",
    probe: userProbe((userId) => ({ userId, role: "admin" }), async (db, id) => (await userField(db, id, "role")) !== "viewer"),
  },
  "lib/users/actions.ts#setUserActiveAction": {
    access: "admin",
    probe: userProbe((userId) => ({ userId, active: "false" }), async (db, id) => (await userField(db, id, "active")) !== true),
  },
  "lib/users/actions.ts#resetUserPasswordAction": {
    access: "admin",
    probe: userProbe(
      (userId) => ({ userId, password: "probe-new-password-123" }),
      async (db, id, before) => (await userField(db, id, "passwordHash")) !== before.passwordHash,
    ),
  },
  "lib/services/actions.ts#reloadCatalogAction": {
    access: "admin",
    probe: {
      async prepare({ db }) {
        const count = async () => (await db.query(`SELECT count(*)::int AS n FROM "AuditEntry" WHERE verb LIKE 'catalog.reload%'`)).rows[0].n as number;
        const before = await count();
        return { input: {}, changed: async () => (await count()) !== before };
      },
    },
  },
  "lib/incidents/actions.ts#declareIncidentAction": {
    access: "responder",
    probe: {
      async prepare({ db }) {
        const title = `Probe declared ${uniqueTag()}`;
        return {
          input: { title, severity: "P2", services: "beacon-runner", summary: "" },
          changed: async () => (await db.query(`SELECT 1 FROM "Incident" WHERE title = $1`, [title])).rowCount! > 0,
        };
      },
    },
  },
  "lib/incidents/actions.ts#changeIncidentStatusAction": {
    access: "responder",
    probe: incidentProbe(({ id }) => ({ incidentId: id, from: "triggered", to: "acknowledged" }), async (db, { id }) => (await incidentField(db, id, "status")) !== "triggered"),
  },
  "lib/incidents/actions.ts#changeIncidentSeverityAction": {
    access: "responder",
    probe: incidentProbe(({ id }) => ({ incidentId: id, from: "P3", to: "P1" }), async (db, { id }) => (await incidentField(db, id, "severity")) !== "P3"),
  },
  "lib/incidents/actions.ts#assignIncidentRoleAction": {
    access: "responder",
    probe: incidentProbe(
      async ({ id }, { createUser }) => ({ incidentId: id, role: "commander", from: null, userId: (await createUser("responder")).id }),
      async (db, { id }) => (await incidentField(db, id, "commanderId")) !== null,
    ),
  },
  "lib/incidents/actions.ts#updateIncidentDetailsAction": {
    access: "responder",
    probe: incidentProbe(
      ({ id, title }) => ({ incidentId: id, field: "title", from: title, to: `${title} (renamed)` }),
      async (db, { id, title }) => (await incidentField(db, id, "title")) !== title,
    ),
  },
  "lib/incidents/actions.ts#addTimelineNoteAction": {
    access: "responder",
    probe: incidentProbe(({ id }) => ({ incidentId: id, body: "probe note" }), async (db, { id }) => (await eventCount(db, id, "note")) > 0),
  },
  "lib/incidents/actions.ts#pinTimelineEventAction": {
    access: "responder",
    probe: {
      async prepare({ db }) {
        const { id } = await seedIncident(db);
        const { rows } = await db.query(
          `INSERT INTO "TimelineEvent" ("incidentId", kind, "occurredAt", "actorLabel", body) VALUES ($1, 'note', now(), 'probe', 'pin me') RETURNING id`,
          [id],
        );
        const eventId = String(rows[0].id);
        return {
          input: { eventId, pinned: true },
          changed: async () => (await db.query(`SELECT pinned FROM "TimelineEvent" WHERE id = $1`, [eventId])).rows[0]?.pinned === true,
        };
      },
    },
  },
  ...RUNBOOK_ACTIONS,
  ...RECOVERY_ACTIONS,
  ...REPORT_ACTIONS,
  ...TEMPLATE_ACTIONS,
  ...FOLLOWUP_ACTIONS,
  ...ALERT_ACTIONS,
  ...NOTIFICATION_ACTIONS,
  ...INCIDENT_LINK_ACTIONS,
};

const manifest = loadServerActions();
const byKey = new Map(manifest.map((a) => [a.key, a]));

test("every server action in the build is classified", () => {
  const unclassified = manifest.map((a) => a.key).filter((key) => !(key in ACTIONS));
  expect(unclassified, "server actions missing from ACTIONS in e2e/security.spec.ts").toEqual([]);
  const stale = Object.keys(ACTIONS).filter((key) => !byKey.has(key));
  expect(stale, "ACTIONS entries that are no longer in the build").toEqual([]);
});

const a = (role: Role) => (role === "admin" ? "an admin" : `a ${role}`);
const below = (role: Role) => ROLES.slice(0, ROLES.indexOf(role));
function expectRefused(response: ActionResponse, code: "UNAUTHENTICATED" | "FORBIDDEN", context: string) {
  expect(response.result, `${context}: HTTP ${response.status} ${response.body.slice(0, 300)}`).toMatchObject({ ok: false, code });
}
const NO_PROBE: Probe = { prepare: async () => ({ input: {}, changed: async () => false }) };

for (const [key, entry] of Object.entries(ACTIONS)) {
  if (entry.access === "public") continue;
  const minRole = entry.access;
  const probe = entry.probe ?? NO_PROBE;
  const name = key.split("#")[1];
  const actionOf = (): ManifestAction => {
    const action = byKey.get(key);
    if (!action) throw new Error(`${key} is not in the build's server-reference-manifest.json`);
    return action;
  };

  test.describe(`server action ${name} (${minRole} only)`, () => {
    test("anonymous callers never reach it", async ({ db, createUser, apiAs, baseURL }) => {
      const action = actionOf();
      const { input, changed } = await probe.prepare({ db, createUser });
      const anonymous = await apiAs();
      const call = (headers?: Record<string, string>, at = action.pages[0]) =>
        callAction(anonymous, action, [input], { path: at, origin: baseURL!, headers });

      // No cookie at all on the page that uses it: the proxy sends the caller to sign in.
      const guarded = await call();
      expect(guarded.result?.ok).not.toBe(true);
      if (guarded.result === null) {
        expect(guarded.status).toBeGreaterThanOrEqual(300);
        expect(guarded.status).toBeLessThan(400);
        expect(guarded.location).toMatch(/^(https?:\/\/[^/]+)?\/login/);
      } else expectRefused(guarded, "UNAUTHENTICATED", "anonymous on its page");

      // No cookie, on the unguarded sign-in page. Next forwards an action that /login does not use
      // to a page that does, back through the proxy (answer: an empty "{}"); an action used on
      // /login itself answers with its own check. Either way it must not run.
      const viaLogin = await call(undefined, "/login");
      expect(viaLogin.result?.ok, viaLogin.body.slice(0, 300)).not.toBe(true);
      if (viaLogin.result) expectRefused(viaLogin, "UNAUTHENTICATED", "anonymous on /login");

      // A cookie that merely exists gets past the proxy: the action's own check must refuse it.
      const forged = await call({ Cookie: `${SESSION_COOKIE}=forged-${Date.now()}` });
      expectRefused(forged, "UNAUTHENTICATED", "forged session cookie");

      // A real session whose user has been deactivated since.
      const former = await createUser(minRole);
      const formerSession = await apiAs(former);
      await db.query(`UPDATE "User" SET active = false WHERE id = $1`, [former.id]);
      const deactivated = await callAction(formerSession, action, [input], { path: action.pages[0], origin: baseURL! });
      expectRefused(deactivated, "UNAUTHENTICATED", "deactivated user's session");

      expect(await changed(), "the refused calls changed the database").toBe(false);
    });

    for (const role of below(minRole)) {
      test(`${a(role)} is FORBIDDEN`, async ({ db, createUser, apiAs, baseURL }) => {
        const action = actionOf();
        const caller = await createUser(role);
        const { input, changed } = await probe.prepare({ db, createUser, caller });
        const session = await apiAs(caller);
        for (const at of new Set([action.pages[0], "/login", "/"])) {
          const response = await callAction(session, action, [input], { path: at, origin: baseURL! });
          expectRefused(response, "FORBIDDEN", `${role} calling ${name} at ${at}`);
        }
        expect(await changed(), `a ${role}'s call changed the database`).toBe(false);
      });
    }

    test(`${a(minRole)} can call it (the harness reaches the action)`, async ({ db, createUser, apiAs, baseURL }) => {
      const action = actionOf();
      const caller = await createUser(minRole);
      const { input, changed, revealed } = await probe.prepare({ db, createUser, caller });
      const session = await apiAs(caller);
      const response = await callAction(session, action, [input], { path: action.pages[0], origin: baseURL! });
      if (entry.probe) {
        expect(response.result, response.body.slice(0, 500)).toMatchObject({ ok: true });
        if (revealed) expect(revealed(response.result), `the allowed call's answer: ${response.body.slice(0, 500)}`).toBe(true);
        else expect(await changed(), "the allowed call changed nothing").toBe(true);
      } else {
        expect(response.result, response.body.slice(0, 500)).not.toBeNull();
        expect(String(response.result?.code), response.body.slice(0, 500)).not.toMatch(/^(UNAUTHENTICATED|FORBIDDEN)$/);
      }
    });
  });
}

test("a server action call from another origin is refused even with an admin's cookie", async ({ db, createUser, apiAs }) => {
  const key = "lib/users/actions.ts#createUserAction";
  const action = byKey.get(key)!;
  const { input, changed } = await (ACTIONS[key] as { probe: Probe }).probe.prepare({ db, createUser });
  const admin = await apiAs(await createUser("admin"));
  const response = await callAction(admin, action, [input], { path: action.pages[0], origin: "https://evil.example" });
  expect(response.result?.ok).not.toBe(true);
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(await changed(), "a cross-origin call created the user").toBe(false);
});
