// Recovery-action input over raw HTTP (issue 6): parameters outside the catalog's schema, a
// destructive action without its typed confirmation, and shell-injection attempts are refused
// with a message naming the field and what it accepts, by request, preview and dry run alike,
// and nothing is written. (That a value which passes a pattern reaches a command as one literal
// argument is lib/actions/injection.integration.test.ts: the demo catalog has no command actions.)
import fs from "node:fs";
import type pg from "pg";
import { test, expect, uniqueTag, type TestUser } from "./fixtures";
import { actionAuditCount, actionEventCount, runByKey, runsRequestedBy, seedIncident, SERVICE, uniqueKey } from "./support/action-runs";
import { expectFieldError, recoveryCaller, type RecoveryCall } from "./support/recovery-http";

const BREAKER = "Breaker must be one of all, database, redis, yagna, ipfs";
const LIMIT = "At most must be a whole number from 1 to 1000";

type Case = { action: string; params: Record<string, unknown>; field: string; message: string };

/** Asks for the action every way there is; each must be refused with this field error and leave no run. */
async function expectRefusedEverywhere(call: RecoveryCall, db: pg.Pool, incidentId: string, c: Case) {
  const idempotencyKey = uniqueKey();
  const target = { service: SERVICE, action: c.action, params: c.params, incidentId };
  const what = `${c.action} ${JSON.stringify(c.params)}`;
  await test.step(what, async () => {
    expectFieldError(await call("requestRecoveryAction", { ...target, idempotencyKey, confirm: SERVICE }), c.field, c.message);
    expectFieldError(await call("previewRecoveryAction", target), c.field, c.message);
    expectFieldError(await call("dryRunRecoveryAction", target), c.field, c.message);
    expect(await runByKey(db, idempotencyKey), `a run was recorded for ${what}`).toBeUndefined();
  });
}

async function expectNothingWritten(db: pg.Pool, user: TestUser, incidentId: string) {
  expect(await runsRequestedBy(db, user.id), "action runs requested").toBe(0);
  expect(await actionAuditCount(db, user.id), "action audit entries").toBe(0);
  expect(await actionEventCount(db, incidentId), "action lines on the incident's timeline").toBe(0);
}

test("parameters outside their schema are refused, naming the field and what it accepts; nothing is written", async ({ db, createUser, apiAs, baseURL }) => {
  const user = await createUser("responder");
  const call = recoveryCaller(await apiAs(user), baseURL!);
  const incident = await seedIncident(db);
  const cases: Case[] = [
    { action: "reset-circuit-breakers", params: { service: "everything" }, field: "params.service", message: BREAKER },
    { action: "reset-circuit-breakers", params: { service: "ALL" }, field: "params.service", message: BREAKER },
    { action: "republish-jobs", params: { limit: 0 }, field: "params.limit", message: LIMIT },
    { action: "republish-jobs", params: { limit: 1001 }, field: "params.limit", message: LIMIT },
    { action: "republish-jobs", params: { limit: -5 }, field: "params.limit", message: LIMIT },
    { action: "republish-jobs", params: { limit: 2.5 }, field: "params.limit", message: LIMIT },
    { action: "republish-jobs", params: { limit: "5e2" }, field: "params.limit", message: LIMIT },
    { action: "republish-jobs", params: { limit: "ten" }, field: "params.limit", message: LIMIT },
    {
      action: "republish-jobs", params: { limit: 5, force: "yes" }, field: "params.force",
      message: "force is not a parameter of Manually republish stuck jobs; it takes limit",
    },
    {
      action: "restart", params: { machines: "all" }, field: "params.machines",
      message: "machines is not a parameter: Restart the runner (flyctl restart) takes none",
    },
  ];
  for (const c of cases) await expectRefusedEverywhere(call, db, incident.id, c);
  await expectNothingWritten(db, user, incident.id);
});

test("a destructive action without its service's slug typed is refused beside the confirmation", async ({ db, createUser, apiAs, baseURL }) => {
  const user = await createUser("responder");
  const call = recoveryCaller(await apiAs(user), baseURL!);
  const incident = await seedIncident(db);
  const message = `This action is destructive: type ${SERVICE} to confirm.`;
  for (const confirm of [undefined, "", "yes", "Beacon-Runner", `${SERVICE}/restart`, "beacon-runne"]) {
    for (const [action, params] of [["restart", {}], ["clear-queue", { queue: "dead-letter" }]] as const) {
      const idempotencyKey = uniqueKey();
      const response = await call("requestRecoveryAction", { service: SERVICE, action, params, idempotencyKey, confirm, incidentId: incident.id });
      expectFieldError(response, "confirm", message);
      expect(response.result?.error).toBe(message);
      expect(await runByKey(db, idempotencyKey), `${action} confirmed with ${JSON.stringify(confirm)}`).toBeUndefined();
    }
  }
  await expectNothingWritten(db, user, incident.id);
});

test("shell-injection attempts in a parameter, its name or the target are refused by the schema and run nothing", async ({ db, createUser, apiAs, baseURL }) => {
  const user = await createUser("responder");
  const session = await apiAs(user);
  const call = recoveryCaller(session, baseURL!);
  const incident = await seedIncident(db);
  const pwned = `/tmp/pwned-${uniqueTag()}${uniqueTag()}`;
  const payloads = ["all; rm -rf /", `$(touch ${pwned})`, `\`touch ${pwned}\``, "all\nrm -rf /", `all && touch ${pwned}`, "all | tee /etc/passwd"];
  for (const payload of payloads) {
    await expectRefusedEverywhere(call, db, incident.id, { action: "reset-circuit-breakers", params: { service: payload }, field: "params.service", message: BREAKER });
    await expectRefusedEverywhere(call, db, incident.id, { action: "republish-jobs", params: { limit: `1${payload}` }, field: "params.limit", message: LIMIT });
  }
  // In a parameter's name: not a parameter of the action (the name is also bounded by the input schema).
  await expectRefusedEverywhere(call, db, incident.id, {
    action: "republish-jobs", params: { [`limit;touch ${pwned}`]: 5 }, field: `params.limit;touch ${pwned}`,
    message: `limit;touch ${pwned} is not a parameter of Manually republish stuck jobs; it takes limit`,
  });
  // In the service or the action: neither is a slug.
  for (const [service, action, field] of [[`${SERVICE}; touch ${pwned}`, "restart", "service"], [SERVICE, `restart$(touch ${pwned})`, "action"]]) {
    const idempotencyKey = uniqueKey();
    const response = await call("requestRecoveryAction", { service, action, params: {}, idempotencyKey, confirm: SERVICE, incidentId: incident.id });
    expectFieldError(response, field, `Choose a ${field}.`);
    expect(await runByKey(db, idempotencyKey)).toBeUndefined();
  }
  // Unescaped, as a hand-written request would send it: React reads "$(" as a reference into the
  // reply and refuses the whole call before the action sees it.
  const raw = recoveryCaller(session, baseURL!, { unescaped: true });
  const target = { service: SERVICE, action: "reset-circuit-breakers", params: { service: `$(touch ${pwned})` }, incidentId: incident.id };
  for (const name of ["requestRecoveryAction", "previewRecoveryAction", "dryRunRecoveryAction"] as const) {
    const response = await raw(name, { ...target, idempotencyKey: uniqueKey() });
    expect(response.result?.ok, `${name} unescaped: HTTP ${response.status} ${response.body.slice(0, 200)}`).not.toBe(true);
  }
  expect(fs.existsSync(pwned), `${pwned} was created`).toBe(false);
  await expectNothingWritten(db, user, incident.id);
});
