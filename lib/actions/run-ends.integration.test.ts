// What can go wrong with a run, against the real database and real targets (a local HTTP server,
// real processes): output PostgreSQL refuses (NUL), a run whose end could not be recorded, a
// request recorded but never started, a verification cut off by a crash, `..` in a URL path, a
// command's process group outliving its interrupted run.
import http from "node:http";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { uniqueEmail } from "@/lib/testing/db";
import { getInstanceId } from "./instance";
import { executeActionRun, markInterruptedRuns, markInterruptedRunsAtStartup, requestActionRun, startDuplicate } from "./runs";
import { sweepActionRuns } from "./run-sweeps";
import { loadTestCatalog, withRestoredCatalog } from "./testing-catalog";

const actor = { id: null, label: "run-ends-test" };
const ctx = { env: { PATH: "/usr/local/bin:/usr/bin:/bin" }, killGraceMs: 200, verifyPollMs: 50 };
const svc = `${uniqueEmail("ends").split("@")[0]}-svc`;
const seen: string[] = [];

const catalogText = (t: string) => `services:
  - slug: ${svc}
    name: Run ends (tests)
    health: { url: "${t}/health" }
    actions:
      - { name: http-nul, title: Answers with a NUL byte, danger: safe, http: { url: "${t}/nul" } }
      - { name: http-nul-error, title: Fails with a NUL byte, danger: safe, http: { url: "${t}/nul-error" } }
      - { name: cmd-nul, title: Prints a NUL byte, danger: safe, command: { argv: ["printf", 'a\\000b'] } }
      - name: evil
        title: Path with a parameter
        danger: safe
        params: { p: { type: string, pattern: ".*" } }
        http: { url: "${t}/evil/{{p}}/ok", headers: { X-Secret: "s3cret" } }
      - name: sleeper
        title: Starts a long child
        danger: safe
        timeout: 5m
        params: { file: { type: string, pattern: "/tmp/[a-z0-9-]+" } }
        command: { argv: ["sh", "-c", "sleep 60 & echo $! > \\"$1\\"; wait", "sh", "{{file}}"] }
      - { name: scale, title: Scale, danger: safe, http: { url: "${t}/ok" }, verify: { health: up, within: 1s }, rollback: restore }
      - { name: restore, title: Restore, danger: safe, http: { url: "${t}/ok" } }
`;

const auditVerbs = async (runId: string) =>
  (await db.auditEntry.findMany({ where: { after: { path: ["runId"], equals: runId } }, orderBy: { seq: "asc" }, select: { verb: true } })).map((e) => e.verb);
const gone = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
};
/** A dead pid on this host: a process we started and waited for. */
const deadInstance = async () => {
  const { spawn } = await import("node:child_process");
  const child = spawn("true");
  await new Promise((r) => child.once("exit", r));
  return `${hostname()}:${child.pid}:deadbeef`;
};
const row = (data: Record<string, unknown>) =>
  db.actionRun.create({
    data: { service: svc, action: "scale", danger: "safe", targetHash: "x", idempotencyKey: randomUUID(), status: "running", requestedByLabel: "test", ...data },
    select: { id: true },
  });

describe("what can go wrong with a run", () => {
  let target: http.Server;
  withRestoredCatalog();
  beforeAll(async () => {
    target = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url === "/nul") return res.end(Buffer.from([0x61, 0x00, 0x62]));
      if (req.url === "/nul-error") return res.writeHead(500).end(Buffer.from('{"error":"bad\\u0000thing"}'));
      if (req.url === "/health") return res.writeHead(503).end("down");
      res.end("ok");
    });
    await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
    await loadTestCatalog(catalogText(`http://127.0.0.1:${(target.address() as AddressInfo).port}`), "run-ends.yaml");
  });
  afterAll(() => new Promise<void>((r) => target.close(() => r())));
  const run = async (action: string, params: Record<string, unknown> = {}) => {
    const { run: req } = await requestActionRun(actor, { service: svc, action, params, idempotencyKey: randomUUID() });
    return executeActionRun(actor, req.id, ctx);
  };

  it("output with a NUL byte is stored escaped, with its digest and finish entry", async () => {
    for (const action of ["http-nul", "cmd-nul"]) {
      const done = await run(action);
      expect(done).toMatchObject({ status: "succeeded", outputPreview: "a\\u0000b", outputBytes: 3 });
      expect(done.outputDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(await auditVerbs(done.id)).toEqual(["action.request", "action.start", "action.finish"]);
    }
    const failed = await run("http-nul-error");
    expect(failed).toMatchObject({ status: "failed", error: "HTTP 500: bad\\u0000thing" });
  });

  it("a run whose end could not be recorded is 'outcome unknown', not 'Sitrep restarted'", async () => {
    const past = new Date(Date.now() - 60_000);
    const alive = await row({ instanceId: getInstanceId(), startedAt: past, deadlineAt: past });
    const died = await row({ instanceId: await deadInstance(), startedAt: past, deadlineAt: new Date(Date.now() + 600_000) });
    expect(await markInterruptedRunsAtStartup()).toBeGreaterThanOrEqual(2);
    const a = await db.actionRun.findUniqueOrThrow({ where: { id: alive.id } });
    expect(a).toMatchObject({ status: "interrupted", error: expect.stringMatching(/^Outcome unknown: the action ran, its result could not be stored/) });
    expect(a.error).not.toContain("restarted");
    const d = await db.actionRun.findUniqueOrThrow({ where: { id: died.id } });
    expect(d.error).toContain("restarted");
  });

  it("a duplicate of a request that never started starts it", async () => {
    const idempotencyKey = randomUUID();
    // The first request wrote its row, then failed before starting it
    await requestActionRun(actor, { service: svc, action: "http-nul", params: {}, idempotencyKey });
    const again = await requestActionRun(actor, { service: svc, action: "http-nul", params: {}, idempotencyKey });
    expect(again).toMatchObject({ duplicate: true, run: { status: "requested" } });
    const resumed = await startDuplicate(actor, again.run, ctx);
    expect(resumed.message).toMatch(/started it now/);
    await resumed.finish?.();
    expect(await db.actionRun.findUniqueOrThrow({ where: { id: again.run.id } })).toMatchObject({ status: "succeeded" });
  });

  it("a request never started expires: denied with a reason, audited", async () => {
    const { run: req } = await requestActionRun(actor, { service: svc, action: "http-nul", params: {}, idempotencyKey: randomUUID() });
    expect(req.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    await db.actionRun.update({ where: { id: req.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(executeActionRun(actor, req.id, ctx)).rejects.toThrow(/never started and has expired/);
    await sweepActionRuns();
    const swept = await db.actionRun.findUniqueOrThrow({ where: { id: req.id } });
    expect(swept).toMatchObject({ status: "denied", deniedByLabel: "Sitrep", denyReason: expect.stringMatching(/^Expired: never started/) });
    expect(await auditVerbs(req.id)).toEqual(["action.request", "action.expire"]);
    await sweepActionRuns();
    expect(await auditVerbs(req.id)).toEqual(["action.request", "action.expire"]);
  });

  it("a verification left pending by a crash fails with a reason, and the rollback is offered", async () => {
    const past = new Date(Date.now() - 60_000);
    const r = await row({ status: "succeeded", verifyStatus: "pending", instanceId: await deadInstance(), startedAt: past, finishedAt: past, deadlineAt: past });
    await sweepActionRuns();
    const swept = await db.actionRun.findUniqueOrThrow({ where: { id: r.id } });
    expect(swept).toMatchObject({ verifyStatus: "failed", verifyDetail: expect.stringMatching(/^not checked to the end/) });
    const entry = await db.auditEntry.findFirstOrThrow({ where: { verb: "action.verify", after: { path: ["runId"], equals: r.id } }, select: { after: true } });
    expect(entry.after).toMatchObject({ verifyStatus: "failed", rollbackOffered: "restore" });
  });

  it("'..' in a URL path parameter is refused beside its field, and nothing is sent", async () => {
    const before = seen.length;
    for (const p of ["..", "%2e%2e", "."]) {
      const error = await requestActionRun(actor, { service: svc, action: "evil", params: { p }, idempotencyKey: randomUUID() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors).toMatchObject({ "params.p": [expect.stringContaining('cannot be "." or ".."')] });
    }
    expect(seen.slice(before)).toEqual([]);
  });

  it("an interrupted command run takes its child processes with it", async () => {
    const file = `/tmp/sitrep-ends-${randomUUID()}`;
    const { run: req } = await requestActionRun(actor, { service: svc, action: "sleeper", params: { file }, idempotencyKey: randomUUID() });
    const running = executeActionRun(actor, req.id, ctx);
    let pid = 0;
    for (let i = 0; i < 250 && !pid; i++) {
      await new Promise((r) => setTimeout(r, 20));
      pid = Number((() => { try { return readFileSync(file, "utf8").trim(); } catch { return ""; } })());
    }
    expect(pid).toBeGreaterThan(1);
    expect(await markInterruptedRuns(getInstanceId())).toBeGreaterThanOrEqual(1);
    const done = await running;
    expect(done.status).toBe("interrupted");
    await new Promise((r) => setTimeout(r, 300));
    expect(gone(pid)).toBe(true);
  });

  it("the commands of a Sitrep process that died are stopped when its run is found interrupted", async () => {
    const { spawn } = await import("node:child_process");
    const past = new Date(Date.now() - 60_000);
    const r = await row({ action: "sleeper", instanceId: await deadInstance(), startedAt: past, deadlineAt: new Date(Date.now() + 600_000) });
    // What the dead process left: its command, detached, marked with the run (as the executor marks it)
    const env = (run: string) => ({ PATH: ctx.env.PATH, SITREP_ACTION_RUN: run }) as unknown as NodeJS.ProcessEnv;
    const orphan = spawn("sh", ["-c", "sleep 60 & wait"], { detached: true, stdio: "ignore", env: env(r.id) });
    const bystander = spawn("sleep", ["60"], { detached: true, stdio: "ignore", env: env("another-run") });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await markInterruptedRunsAtStartup()).toBeGreaterThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(gone(orphan.pid!)).toBe(true);
      expect(gone(bystander.pid!)).toBe(false);
    } finally {
      for (const pid of [orphan.pid!, bystander.pid!]) {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          // gone
        }
      }
    }
  });
});
