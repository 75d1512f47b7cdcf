// Text PostgreSQL cannot store (a NUL character, half of a surrogate pair) sent to server actions
// over raw HTTP: each call gets a validation message on the field that holds it, never "Something
// went wrong", and nothing is written. The check lives once in lib/action-client.ts.
import type pg from "pg";
import { test, expect, uniqueTag } from "./fixtures";
import { callAction, httpSignIn, loadServerActions, type ActionResponse } from "./support/http";

const NUL = "Remove the invisible NUL character from this text.";

const actionOf = (key: string) => {
  const action = loadServerActions().find((a) => a.key === key);
  if (!action) throw new Error(`no server action ${key} in this build`);
  return action;
};

async function seedIncident(db: pg.Pool) {
  const id = `nulinc${uniqueTag()}${uniqueTag()}`;
  const title = `NUL probe ${id}`;
  await db.query(
    `INSERT INTO "Incident" (id, title, severity, status, "startedAt", "updatedAt") VALUES ($1, $2, 'P3', 'triggered', now(), now())`,
    [id, title],
  );
  return { id, title };
}
const noteCount = async (db: pg.Pool, incidentId: string) =>
  (await db.query(`SELECT count(*)::int AS n FROM "TimelineEvent" WHERE "incidentId" = $1 AND kind = 'note'`, [incidentId])).rows[0].n as number;

function expectFieldError(response: ActionResponse, field: string, message = NUL) {
  expect(response.result, response.body.slice(0, 500)).toMatchObject({ ok: false, code: "VALIDATION" });
  expect(response.result?.fieldErrors, response.body.slice(0, 500)).toMatchObject({ [field]: [message] });
}

test.describe("text PostgreSQL cannot store", () => {
  test("a note with a NUL or half a surrogate pair gets a field message and writes nothing", async ({ db, createUser, apiAs, baseURL }) => {
    const action = actionOf("lib/incidents/actions.ts#addTimelineNoteAction");
    const session = await apiAs(await createUser("responder"));
    const incident = await seedIncident(db);
    const call = (body: string) => callAction(session, action, [{ incidentId: incident.id, body }], { path: action.pages[0], origin: baseURL! });

    expectFieldError(await call("restarted the\u0000 worker"), "body");
    expectFieldError(await call("half an emoji \ud83d"), "body", "This text holds a broken character (half of an emoji or symbol): retype that part.");
    expect(await noteCount(db, incident.id)).toBe(0);

    // The same call with clean text goes through: the refusal was the character, not the harness.
    expect((await call("restarted the worker 🔧")).result).toMatchObject({ ok: true });
    expect(await noteCount(db, incident.id)).toBe(1);
  });

  test("an incident title with a NUL, declared or renamed, gets a field message and writes nothing", async ({ db, createUser, apiAs, baseURL }) => {
    const session = await apiAs(await createUser("responder"));
    const declare = actionOf("lib/incidents/actions.ts#declareIncidentAction");
    const title = `NUL declared ${uniqueTag()}`;
    const declared = await callAction(session, declare, [{ title: `${title}\u0000`, severity: "P2", services: "beacon-runner", summary: "" }], {
      path: declare.pages[0],
      origin: baseURL!,
    });
    expectFieldError(declared, "title");
    expect((await db.query(`SELECT 1 FROM "Incident" WHERE title LIKE $1`, [`${title}%`])).rowCount).toBe(0);

    const rename = actionOf("lib/incidents/actions.ts#updateIncidentDetailsAction");
    const incident = await seedIncident(db);
    const renamed = await callAction(session, rename, [{ incidentId: incident.id, field: "title", from: incident.title, to: "db\u0000 down" }], {
      path: rename.pages[0],
      origin: baseURL!,
    });
    expectFieldError(renamed, "to");
    const row = (await db.query(`SELECT title FROM "Incident" WHERE id = $1`, [incident.id])).rows[0] as { title: string };
    expect(row.title).toBe(incident.title);
    expect((await db.query(`SELECT count(*)::int AS n FROM "TimelineEvent" WHERE "incidentId" = $1`, [incident.id])).rows[0].n).toBe(0);
  });

  test("a route handler that takes a body (next-auth's sign-in) refuses a NUL with 400 naming the field", async ({ request, createUser }) => {
    const user = await createUser("viewer");
    const refused = await httpSignIn(request, { email: `${user.email}\u0000`, password: user.password });
    expect(refused.status()).toBe(400);
    expect(await refused.json()).toMatchObject({ fieldErrors: { email: [NUL] } });
    // The same sign-in without it still works (the check reads a copy of the body).
    const ok = await httpSignIn(request, user);
    expect(ok.status()).toBe(302);
    expect(ok.headers()["location"]).not.toContain("error");
  });
});
