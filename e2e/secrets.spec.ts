// The fleet's admin token (SITREP_FLEET_TOKEN, sent as `Authorization: Bearer …` by every demo
// action) must never leave the moment of execution: after real actions ran through the app over
// HTTP — a dry run, a run from a bound runbook step, one more, and an approved destructive one —
// it is in no column of any table, no audit entry, no timeline line, no page, no JSON route and
// not in the server's log (playwright.config.ts keeps it in SITREP_SERVER_LOG). Only actions
// that leave the fleet's health alone run here: other specs share the fleet.
import fs from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { test, expect, uniqueTag } from "./fixtures";
import { callAction, loadServerActions } from "./support/http";
import { runRow, seedIncident, SERVICE, uniqueKey } from "./support/action-runs";
import { expectOk, recoveryCaller, viewRun } from "./support/recovery-http";
import { columnsHolding } from "./support/secret-scan";

const TOKEN = process.env.SITREP_FLEET_TOKEN!;
const TERMINAL = ["succeeded", "failed", "timed_out", "interrupted", "denied"];

const manifest = loadServerActions();
async function callNamed(session: APIRequestContext, baseURL: string, key: string, input: unknown) {
  const action = manifest.find((a) => a.key === key);
  if (!action) throw new Error(`${key} is not in the build`);
  return expectOk<Record<string, unknown>>(await callAction(session, action, [input], { path: action.pages[0], origin: baseURL }));
}

const runbookText = (tag: string) => `# Secrets check ${tag}

1. Republish the stuck jobs: \`curl -X POST /admin/republish-jobs\`

   \`\`\`sitrep-action
   action: ${SERVICE}/republish-jobs
   params:
     limit: "1"
   \`\`\`
`;

test("the fleet token is nowhere after real actions ran: database, audit, timeline, pages, JSON routes, server log", async ({ db, createUser, apiAs, baseURL }) => {
  test.setTimeout(120_000);
  expect(TOKEN, "SITREP_FLEET_TOKEN (set by playwright.config.ts)").toBeTruthy();
  const tag = uniqueTag();
  const [admin, a, b] = [await createUser("admin"), await createUser("responder"), await createUser("responder")];
  const [adminSession, sessionA, sessionB] = [await apiAs(admin), await apiAs(a), await apiAs(b)];
  const asA = recoveryCaller(sessionA, baseURL!);
  const asB = recoveryCaller(sessionB, baseURL!);

  // A runbook with a step bound to an action, followed on an incident.
  const incident = await seedIncident(db, `Secrets ${tag}`);
  const imported = await callNamed(adminSession, baseURL!, "lib/runbooks/actions.ts#importRunbooksAction", { name: `secrets-${tag}.md`, text: runbookText(tag) });
  const slug = String(imported.first);
  const { runId: runbookRunId } = (await callNamed(sessionA, baseURL!, "lib/runbooks/actions.ts#startRunbookRunAction", { incidentId: incident.id, slug })) as { runId: string };
  const bound = { service: SERVICE, action: "republish-jobs", params: { limit: 1 }, incidentId: incident.id, runbookRunId, step: "0.0" };

  // The preview and the dry run show the request with the token masked.
  const answers: string[] = [];
  for (const name of ["previewRecoveryAction", "dryRunRecoveryAction"] as const) {
    const response = await asA(name, bound);
    expect(JSON.stringify(expectOk(response)), `${name} shows the masked header`).toContain("Bearer ••••");
    answers.push(response.body);
  }
  // Run for real: the bound step, another action, and a destructive one after a second person's approval.
  const runIds: string[] = [];
  const request = async (input: Record<string, unknown>) => {
    const response = await asA("requestRecoveryAction", { idempotencyKey: uniqueKey(), ...input });
    answers.push(response.body);
    return expectOk<{ runId: string }>(response).runId;
  };
  runIds.push(await request(bound));
  runIds.push(await request({ service: SERVICE, action: "requeue-dead-letters", params: { limit: 1 }, incidentId: incident.id }));
  const approvedRun = await request({ service: SERVICE, action: "clear-queue", params: { queue: "dead-letter" }, confirm: SERVICE, incidentId: incident.id });
  const { targetHash } = await viewRun(sessionB, approvedRun);
  answers.push((await asB("approveActionRunAction", { runId: approvedRun, targetHash, password: b.password })).body);
  answers.push((await asA("executeActionRunAction", { runId: approvedRun })).body);
  runIds.push(approvedRun);

  for (const runId of runIds) {
    await expect.poll(async () => (await runRow(db, runId))?.status, { timeout: 60_000, message: `run ${runId} ends` }).toMatch(new RegExp(`^(${TERMINAL.join("|")})$`));
    // Succeeded: the fleet accepted the token, so it really was sent (and had a chance to leak).
    expect(await runRow(db, runId), `run ${runId}`).toMatchObject({ status: "succeeded" });
    await expect.poll(async () => (await db.query(`SELECT "verifyStatus" FROM "ActionRun" WHERE id = $1`, [runId])).rows[0].verifyStatus).not.toBe("pending");
  }
  for (const body of answers) expect(body, "a server action's answer").not.toContain(TOKEN);

  // Every text and JSON column of every table; the run's id shows the scan does find what is there.
  const found = await columnsHolding(db, runIds[0]);
  expect(found).toEqual(expect.arrayContaining(["public.ActionRun.id", "public.AuditEntry.after", "public.TimelineEvent.data"]));
  expect(await columnsHolding(db, TOKEN), "columns holding the fleet token").toEqual([]);

  // The audit entries and timeline lines of these runs, read explicitly.
  const audit = await db.query(`SELECT verb, after::text AS after FROM "AuditEntry" WHERE after->>'runId' = ANY($1) OR ("targetId" = $2 AND verb LIKE 'action.%')`, [runIds, incident.id]);
  expect([...new Set(audit.rows.map((r) => r.verb))]).toEqual(expect.arrayContaining(["action.dry_run", "action.request", "action.approve", "action.start", "action.finish"]));
  for (const row of audit.rows) expect(row.after, `audit ${row.verb}`).not.toContain(TOKEN);
  const timeline = await db.query(`SELECT data::text AS data, body FROM "TimelineEvent" WHERE "incidentId" = $1 AND kind = 'action'`, [incident.id]);
  expect(timeline.rows.length).toBeGreaterThanOrEqual(audit.rows.length);
  for (const row of timeline.rows) expect(`${row.data} ${row.body ?? ""}`, "timeline").not.toContain(TOKEN);

  // Pages (their HTML carries the server components' data too) and JSON routes.
  const pages: [APIRequestContext, string, string | null][] = [
    [sessionA, `/incidents/${incident.number}`, `Secrets ${tag}`],
    [sessionA, `/incidents/${incident.number}/runbooks/${runbookRunId}`, `Secrets check ${tag}`],
    [sessionA, `/runbooks/${slug}`, `Secrets check ${tag}`],
    [sessionA, `/services/${SERVICE}`, "Beacon Runner"],
    [sessionA, "/", null],
    [adminSession, "/audit", null],
    [sessionA, `/api/action-runs?incident=${incident.id}`, runIds[0]],
    [sessionA, `/api/action-runs?service=${SERVICE}`, runIds[0]],
    ...runIds.map((id): [APIRequestContext, string, string] => [sessionA, `/api/action-runs/${id}`, id]),
    [sessionA, `/api/services/${SERVICE}`, SERVICE],
    [sessionA, "/api/war-room", null],
  ];
  for (const [session, url, marker] of pages) {
    const response = await session.get(url, { maxRedirects: 0 });
    const text = await response.text();
    expect(response.status(), url).toBe(200);
    if (marker) expect(text, `${url} shows what it is about`).toContain(marker);
    expect(text, url).not.toContain(TOKEN);
  }

  // The server's own output, everything it logged during this run so far.
  const log = fs.readFileSync(process.env.SITREP_SERVER_LOG!, "utf8");
  expect(log, "the server log is this run's").toContain(`listening on http://localhost:${new URL(baseURL!).port}`);
  expect(log, "the server log").not.toContain(TOKEN);
});
