// Recovery actions over raw HTTP (issue 6): who may request, approve and run them, and the
// two-person rule — no self-approval, an approval covers exactly what was reviewed, it expires,
// and it needs the approver's password. Every check reads back what the database holds.
// (Parameters, typed confirmation and injection: actions-params.spec.ts; secrets: secrets.spec.ts.)
import { test, expect, countSignInAttempts, type ApiAs, type CreateUser } from "./fixtures";
import { SESSION_COOKIE } from "./support/http";
import {
  actionAuditCount, actionEventCount, demoHash, runAuditVerbs, runByKey, runRow, seedActionRun, seedIncident, SERVICE, uniqueKey,
} from "./support/action-runs";
import { expectError, expectFieldError, expectOk, recoveryCaller, viewRun, type RecoveryCall } from "./support/recovery-http";

const restart = (incidentId?: string) => ({ service: SERVICE, action: "restart", params: {}, idempotencyKey: uniqueKey(), confirm: SERVICE, incidentId });

/** Two responders, signed in: A requests, B reviews. */
async function twoResponders(createUser: CreateUser, apiAs: ApiAs, baseURL: string) {
  const a = await createUser("responder");
  const b = await createUser("responder");
  const sessionA = await apiAs(a);
  const sessionB = await apiAs(b);
  return { a, b, sessionA, sessionB, asA: recoveryCaller(sessionA, baseURL), asB: recoveryCaller(sessionB, baseURL) };
}
async function requestRestart(asA: RecoveryCall, incidentId?: string) {
  const data = expectOk<{ runId: string; status: string }>(await asA("requestRecoveryAction", restart(incidentId)));
  expect(data.status).toBe("awaiting_approval");
  return data.runId;
}

test("viewers and anonymous callers cannot request, approve, deny, dry-run or run, and leave no run, audit entry or timeline line", async ({ db, createUser, apiAs, baseURL }) => {
  const viewer = await createUser("viewer");
  const requester = await createUser("responder");
  const incident = await seedIncident(db);
  const pending = await seedActionRun(db, { action: "restart", status: "awaiting_approval", requestedBy: requester, incidentId: incident.id });
  const ready = await seedActionRun(db, { action: "republish-jobs", params: { limit: 1 }, status: "requested", incidentId: incident.id });
  const callers: { who: string; call: RecoveryCall; refused: "FORBIDDEN" | "UNAUTHENTICATED" | "redirect" }[] = [
    { who: "a viewer", call: recoveryCaller(await apiAs(viewer), baseURL!), refused: "FORBIDDEN" },
    { who: "a forged session cookie", call: recoveryCaller(await apiAs(), baseURL!, { headers: { Cookie: `${SESSION_COOKIE}=forged-${Date.now()}` } }), refused: "UNAUTHENTICATED" },
    { who: "no session", call: recoveryCaller(await apiAs(), baseURL!), refused: "redirect" },
  ];
  const keys: string[] = [];
  for (const { who, call, refused } of callers) {
    const requestRestartInput = restart(incident.id);
    const requestNow = { service: SERVICE, action: "republish-jobs", params: { limit: 1 }, idempotencyKey: uniqueKey(), incidentId: incident.id };
    keys.push(requestRestartInput.idempotencyKey, requestNow.idempotencyKey);
    const calls = [
      call("requestRecoveryAction", requestRestartInput),
      call("requestRecoveryAction", requestNow),
      call("approveActionRunAction", { runId: pending, targetHash: demoHash("restart"), password: viewer.password }),
      call("denyActionRunAction", { runId: pending, reason: "no" }),
      call("executeActionRunAction", { runId: ready }),
      call("dryRunRecoveryAction", { service: SERVICE, action: "republish-jobs", params: { limit: 1 }, incidentId: incident.id }),
      call("previewRecoveryAction", { service: SERVICE, action: "republish-jobs", params: { limit: 1 } }),
    ];
    for (const response of await Promise.all(calls)) {
      if (refused === "redirect") {
        expect(response.result?.ok, `${who}: ${response.body.slice(0, 200)}`).not.toBe(true);
        expect(response.location ?? "", `${who}: HTTP ${response.status}`).toMatch(/\/login/);
      } else expectError(response, refused);
    }
  }
  for (const key of keys) expect(await runByKey(db, key), `a refused request left run ${key}`).toBeUndefined();
  expect(await runRow(db, pending)).toMatchObject({ status: "awaiting_approval", approvedById: null, deniedById: null });
  expect(await runRow(db, ready)).toMatchObject({ status: "requested", startedAt: null });
  expect(await runAuditVerbs(db, pending)).toEqual([]);
  expect(await runAuditVerbs(db, ready)).toEqual([]);
  expect(await actionAuditCount(db, viewer.id)).toBe(0);
  const onIncident = await db.query(`SELECT count(*)::int AS n FROM "AuditEntry" WHERE "targetId" = $1`, [incident.id]);
  expect(onIncident.rows[0].n, "audit entries about the incident").toBe(0);
  expect(await actionEventCount(db, incident.id)).toBe(0);
});

test("a viewer may read action runs; without a session even a real run's id answers 401", async ({ db, createUser, apiAs }) => {
  const incident = await seedIncident(db);
  const runId = await seedActionRun(db, { action: "restart", status: "awaiting_approval", incidentId: incident.id });
  const viewer = await apiAs(await createUser("viewer"));
  expect((await viewRun(viewer, runId)).status).toBe("awaiting_approval");
  const list = await viewer.get(`/api/action-runs?incident=${incident.id}`);
  expect((await list.json()).runs.map((r: { id: string }) => r.id)).toEqual([runId]);
  const anonymous = await apiAs();
  for (const url of [`/api/action-runs/${runId}`, `/api/action-runs?incident=${incident.id}`, `/api/action-runs?service=${SERVICE}`]) {
    const response = await anonymous.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(401);
    expect(await response.text(), url).not.toContain(runId);
  }
});

test("the requester cannot approve their own request; another responder approves exactly what they reviewed", async ({ db, createUser, apiAs, baseURL }) => {
  const { a, b, sessionA, asA, asB } = await twoResponders(createUser, apiAs, baseURL!);
  const runId = await requestRestart(asA);
  const { targetHash } = await viewRun(sessionA, runId);
  expect(targetHash).toBe(demoHash("restart"));

  expectError(await asA("executeActionRunAction", { runId }), "CONFLICT", "This action is waiting for a second person's approval.");
  expectError(await asA("approveActionRunAction", { runId, targetHash, password: a.password }), "FORBIDDEN", "You requested this action, so someone else must approve it.");
  expect(await runRow(db, runId)).toMatchObject({ status: "awaiting_approval", approvedById: null, approvedHash: null });
  expect(await runAuditVerbs(db, runId)).toEqual(["action.request"]);

  const approved = expectOk<{ runId: string; expiresAt: string }>(await asB("approveActionRunAction", { runId, targetHash, password: b.password }));
  expect(approved.runId).toBe(runId);
  const row = (await runRow(db, runId))!;
  expect(row).toMatchObject({ status: "requested", approvedById: b.id, approvedHash: targetHash, requestedById: a.id });
  expect(row.expiresAt!.getTime() - row.approvedAt!.getTime()).toBe(15 * 60_000);
  const entry = await db.query(`SELECT "actorId", after FROM "AuditEntry" WHERE verb = 'action.approve' AND after->>'runId' = $1`, [runId]);
  expect(entry.rows).toEqual([{ actorId: b.id, after: expect.objectContaining({ runId, confirmedBy: "password" }) }]);
  expectError(await asB("approveActionRunAction", { runId, targetHash, password: b.password }), "CONFLICT", "This request is already approved.");
});

test("an approval must cover what was reviewed: other parameters, another action, or parameters changed since are refused", async ({ db, createUser, apiAs, baseURL }) => {
  const { b, asA, asB } = await twoResponders(createUser, apiAs, baseURL!);
  const request = { service: SERVICE, action: "clear-queue", params: { queue: "retry" }, idempotencyKey: uniqueKey(), confirm: SERVICE };
  const { runId } = expectOk<{ runId: string }>(await asA("requestRecoveryAction", request));
  const reviewed = expectOk<{ targetHash: string }>(await asB("previewRecoveryAction", { service: SERVICE, action: "clear-queue", params: { queue: "jobs" } }));
  const notReviewed = "This request is not the one you reviewed (its parameters or target differ). Reload and review it again.";
  for (const targetHash of [reviewed.targetHash, demoHash("restart")]) {
    expectError(await asB("approveActionRunAction", { runId, targetHash, password: b.password }), "CONFLICT", notReviewed);
  }
  expect(await runRow(db, runId)).toMatchObject({ status: "awaiting_approval", approvedById: null });

  // The row's parameters changed behind the reviewer's back: its stored hash no longer describes it.
  const stored = (await runRow(db, runId))!.targetHash;
  await db.query(`UPDATE "ActionRun" SET params = '{"queue":"jobs"}' WHERE id = $1`, [runId]);
  expectError(await asB("approveActionRunAction", { runId, targetHash: stored, password: b.password }), "CONFLICT", /cannot be approved/);
  await db.query(`UPDATE "ActionRun" SET params = '{"queue":"retry"}' WHERE id = $1`, [runId]);
  expectOk(await asB("approveActionRunAction", { runId, targetHash: stored, password: b.password }));

  // …and after the approval: it no longer covers the run, which does not start.
  await db.query(`UPDATE "ActionRun" SET params = '{"queue":"jobs"}' WHERE id = $1`, [runId]);
  expectError(await asA("executeActionRunAction", { runId }), "CONFLICT", /approval no longer covers it/);
  expect(await runRow(db, runId)).toMatchObject({ status: "requested", startedAt: null });
  expect(await runAuditVerbs(db, runId)).toEqual(["action.request", "action.approve"]);
});

test("an expired approval cannot be run, and says so", async ({ db, createUser, apiAs, baseURL }) => {
  const { b, sessionA, asA, asB } = await twoResponders(createUser, apiAs, baseURL!);
  const runId = await requestRestart(asA);
  const { targetHash } = await viewRun(sessionA, runId);
  expectOk(await asB("approveActionRunAction", { runId, targetHash, password: b.password }));
  await db.query(`UPDATE "ActionRun" SET "expiresAt" = now() - interval '1 minute' WHERE id = $1`, [runId]);
  for (const call of [asA, asB]) expectError(await call("executeActionRunAction", { runId }), "CONFLICT", "Its approval has expired; request the action again.");
  expect(await runRow(db, runId)).toMatchObject({ status: "requested", startedAt: null });
  expect(await runAuditVerbs(db, runId)).toEqual(["action.request", "action.approve"]);
});

test("an approval with a wrong or missing password is refused beside the password field, and approves nothing", async ({ db, createUser, apiAs, baseURL }) => {
  const { b, sessionA, asA, asB } = await twoResponders(createUser, apiAs, baseURL!);
  const runId = await requestRestart(asA);
  const { targetHash } = await viewRun(sessionA, runId);
  const attempts = await countSignInAttempts(db, b.email);
  const wrong = `wrong-${b.password}`;
  const refused = await asB("approveActionRunAction", { runId, targetHash, password: wrong });
  expectFieldError(refused, "password", "That password is not right.");
  expect(refused.body, "the password is echoed back").not.toContain(wrong);
  // Checked like a sign-in, so it counts towards the same rate limit.
  expect(await countSignInAttempts(db, b.email)).toBe(attempts + 1);
  expectFieldError(await asB("approveActionRunAction", { runId, targetHash }), "password", "Type your password to confirm.");
  expect(await runRow(db, runId)).toMatchObject({ status: "awaiting_approval", approvedById: null, approvedHash: null, expiresAt: null });
  expect(await runAuditVerbs(db, runId)).toEqual(["action.request"]);
});

// The audit log is the hash-chained record of who approved what; the ActionRun row is not chained
// and can be edited. So the request's and the approval's entries must carry the hash that was
// reviewed and approved (lib/actions passes it), or the chain cannot show what a second person
// signed off. The timeline line, written from the same data, keeps it.
test("the audit chain records what was approved: the request's and the approval's entries carry the reviewed hash", async ({ db, createUser, apiAs, baseURL }) => {
  const { b, sessionA, asA, asB } = await twoResponders(createUser, apiAs, baseURL!);
  const incident = await seedIncident(db);
  const runId = await requestRestart(asA, incident.id);
  const { targetHash } = await viewRun(sessionA, runId);
  expectOk(await asB("approveActionRunAction", { runId, targetHash, password: b.password }));
  const timeline = await db.query(`SELECT data->>'event' AS verb, data->>'targetHash' AS hash FROM "TimelineEvent" WHERE "incidentId" = $1 AND kind = 'action' ORDER BY id`, [incident.id]);
  expect(timeline.rows).toEqual([{ verb: "action.request", hash: targetHash }, { verb: "action.approve", hash: targetHash }]);
  const audit = await db.query(`SELECT verb, after->>'targetHash' AS hash FROM "AuditEntry" WHERE after->>'runId' = $1 ORDER BY seq`, [runId]);
  expect(audit.rows).toEqual([{ verb: "action.request", hash: targetHash }, { verb: "action.approve", hash: targetHash }]);
});
