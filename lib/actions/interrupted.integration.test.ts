// A real fault: a separate Sitrep process (interrupted-child.ts) starts an action whose target
// never answers, and is killed mid-action. The row must stay "running" (nothing could end it),
// and what a restarting Sitrep calls (lib/startup.ts → markInterruptedRunsAtStartup) must end it
// as interrupted, audited and on the incident's timeline, while a live process's run is left alone.
import http from "node:http";
import { spawn, type ChildProcess } from "node:child_process";
import { hostname } from "node:os";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/queries";
import { declareIncident } from "@/lib/incidents/mutations";
import { uniqueEmail } from "@/lib/testing/db";
import { createUser } from "@/lib/users/mutations";
import { markInterruptedRunsAtStartup } from "./runs";
import { loadTestCatalog, withRestoredCatalog } from "./testing-catalog";

const root = fileURLToPath(new URL("../..", import.meta.url));
const childScript = fileURLToPath(new URL("./interrupted-child.ts", import.meta.url));
const svc = `${uniqueEmail("kill").split("@")[0]}-svc`;
const setup = { id: null, label: "interrupted-run-test" };

const catalogText = (target: string) => `services:
  - slug: ${svc}
    name: Killed mid-action (interrupted-run tests)
    actions:
      - name: hang
        title: Never answers
        danger: caution
        timeout: 10m
        params:
          tag: { type: string, pattern: "^[a-z0-9-]+$" }
        http: { url: "${target}/hang/{{tag}}" }
`;

/** Polls until `check` holds; a timeout fails with `what`, never a fixed sleep. */
async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Started = { runId: string; instanceId: string; pid: number };
type Child = { proc: ChildProcess; started: Promise<Started>; exited: Promise<NodeJS.Signals | number | null>; output: () => string };
const children = new Set<ChildProcess>();

function spawnChild(input: Record<string, unknown>): Child {
  const proc = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", childScript, JSON.stringify(input)], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  children.add(proc);
  let stdout = "";
  let stderr = "";
  const output = () => `stdout: ${stdout}\nstderr: ${stderr}`;
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => proc.once("exit", (code, signal) => { children.delete(proc); resolve(signal ?? code); }));
  const started = new Promise<Started>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the child requested no run within 20 s\n${output()}`)), 20_000);
    proc.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const line = stdout.split("\n").slice(0, -1).find((l) => l.startsWith("{")); // complete lines only
      if (line) { clearTimeout(timer); resolve(JSON.parse(line) as Started); }
    });
    proc.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    void exited.then((how) => { clearTimeout(timer); reject(new Error(`the child exited (${how}) before its run started\n${output()}`)); });
  });
  return { proc, started, exited, output };
}

const rowOf = (id: string) => db.actionRun.findUniqueOrThrow({ where: { id }, select: { status: true, finishedAt: true, error: true, instanceId: true, deadlineAt: true } });
const auditOf = (runId: string) =>
  db.auditEntry.findMany({ where: { after: { path: ["runId"], equals: runId } }, orderBy: { seq: "asc" }, select: { verb: true, actorId: true, actorLabel: true, after: true } });
const timelineOf = async (incidentId: string, runId: string) =>
  (await db.timelineEvent.findMany({ where: { incidentId, kind: "action" }, orderBy: { occurredAt: "asc" }, select: { data: true } }))
    .map((e) => e.data as { event: string; runId: string })
    .filter((d) => d.runId === runId)
    .map((d) => d.event);

describe("an action run cut off by a killed Sitrep process", () => {
  withRestoredCatalog();
  let target: http.Server;
  const received = new Set<string>(); // tags whose request reached the target
  const dropped = new Set<string>(); // tags whose connection the client closed
  let incidentId = "";
  let actor = { id: "", label: "" };

  // The child is mid-action once its request is on the wire: the run was claimed ("running") before it was sent.
  async function startMidAction(tag: string) {
    const child = spawnChild({ service: svc, action: "hang", params: { tag }, incidentId, actor });
    const started = await child.started;
    await waitFor(`the request of ${tag} to reach the target`, () => received.has(tag)).catch((e) => {
      throw new Error(`${(e as Error).message}\n${child.output()}`);
    });
    return { child, ...started };
  }

  beforeAll(async () => {
    target = http.createServer((req) => {
      const tag = req.url!.split("/").at(-1)!;
      received.add(tag);
      req.socket.once("close", () => dropped.add(tag));
    });
    await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
    await loadTestCatalog(catalogText(`http://127.0.0.1:${(target.address() as AddressInfo).port}`), "interrupted-runs.yaml");
    const user = await createUser(setup, { email: uniqueEmail("responder"), name: "Killed responder", role: "responder", password: "a-long-enough-password" });
    actor = { id: user.id, label: user.email };
    incidentId = (await declareIncident(actor, { title: `Killed mid-action ${svc}`, severity: "P2", services: [svc], summary: "" })).id;
  });

  afterAll(async () => {
    const left = [...children];
    for (const proc of left) proc.kill("SIGKILL");
    await Promise.all(left.map((proc) => new Promise((r) => (proc.exitCode !== null || proc.signalCode !== null ? r(null) : proc.once("exit", r)))));
    if (left.length) await markInterruptedRunsAtStartup(); // what the next start would do with their runs
    target?.closeAllConnections();
    await new Promise((r) => target?.close(r));
  });

  it("SIGKILL mid-action: the row stays running; the next start marks it interrupted, audited and on the timeline; a live process's run is left alone", async () => {
    const [victim, live] = await Promise.all([startMidAction("victim"), startMidAction("live")]);
    expect(victim.instanceId).toMatch(new RegExp(`^${hostname()}:${victim.child.proc.pid}:`));

    victim.child.proc.kill("SIGKILL");
    expect(await victim.child.exited).toBe("SIGKILL");
    await waitFor("the target to see the killed client's connection close", () => dropped.has("victim"));

    // The crash left the run exactly as it was: running, unfinished, nothing audited after the start.
    const crashed = await rowOf(victim.runId);
    expect(crashed).toMatchObject({ status: "running", finishedAt: null, instanceId: victim.instanceId });
    // Its 10-minute timeout puts the deadline far off: only "that pid is gone" can end it now.
    expect(crashed.deadlineAt!.getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
    expect((await auditOf(victim.runId)).map((a) => a.verb)).toEqual(["action.request", "action.start"]);

    // What a restarting Sitrep does (lib/startup.ts), here from another process on the same host.
    expect(await markInterruptedRunsAtStartup()).toBeGreaterThanOrEqual(1);
    expect(await rowOf(victim.runId)).toMatchObject({ status: "interrupted", finishedAt: expect.any(Date), error: expect.stringMatching(/^Interrupted: Sitrep restarted/) });
    const audit = await auditOf(victim.runId);
    expect(audit.map((a) => a.verb)).toEqual(["action.request", "action.start", "action.interrupted"]);
    expect(audit[0]).toMatchObject({ actorId: actor.id, actorLabel: actor.label });
    expect(audit[2]).toMatchObject({ actorId: null, actorLabel: "system", after: { status: "interrupted", instanceId: victim.instanceId, reason: expect.stringContaining("restarted") } });
    expect(await timelineOf(incidentId, victim.runId)).toEqual(["action.request", "action.start", "action.interrupted"]);

    // The other process is alive and still waiting on its target: its run is not touched.
    expect(live.child.proc.exitCode).toBeNull();
    expect(await rowOf(live.runId)).toMatchObject({ status: "running", finishedAt: null });
    expect((await auditOf(live.runId)).map((a) => a.verb)).toEqual(["action.request", "action.start"]);

    // A second start interrupts nothing twice; once the live process dies too, its run is ended the same way.
    await markInterruptedRunsAtStartup();
    expect((await auditOf(victim.runId)).map((a) => a.verb)).toEqual(["action.request", "action.start", "action.interrupted"]);
    live.child.proc.kill("SIGKILL");
    expect(await live.child.exited).toBe("SIGKILL");
    expect(await markInterruptedRunsAtStartup()).toBeGreaterThanOrEqual(1);
    expect(await rowOf(live.runId)).toMatchObject({ status: "interrupted", finishedAt: expect.any(Date) });
    expect(await timelineOf(incidentId, live.runId)).toEqual(["action.request", "action.start", "action.interrupted"]);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  // lib/ has no SIGTERM hook, and scripts/server.mjs's only lets requests finish for 5 s, then
  // exits: a graceful stop leaves a long action's run "running" just like a crash, until the next start.
  it("SIGTERM mid-action: nothing ends the run at shutdown; the next start marks it interrupted", async () => {
    const run = await startMidAction("terminated");
    run.child.proc.kill("SIGTERM");
    expect(await run.child.exited).toBe("SIGTERM");
    expect(await rowOf(run.runId)).toMatchObject({ status: "running", finishedAt: null });
    expect((await auditOf(run.runId)).map((a) => a.verb)).toEqual(["action.request", "action.start"]);

    expect(await markInterruptedRunsAtStartup()).toBeGreaterThanOrEqual(1);
    expect(await rowOf(run.runId)).toMatchObject({ status: "interrupted", finishedAt: expect.any(Date) });
    expect((await auditOf(run.runId)).map((a) => a.verb)).toEqual(["action.request", "action.start", "action.interrupted"]);
    expect(await timelineOf(incidentId, run.runId)).toEqual(["action.request", "action.start", "action.interrupted"]);
  });
});
