// The action-run lifecycle against the real database and the real demo fleet: audited request,
// a single execution however many callers race, terminal states for every outcome, no secrets
// stored, and runs cut off by a restart marked interrupted.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { declareIncident } from "@/lib/incidents/mutations";
import { uniqueEmail } from "@/lib/testing/db";
import { withFleetCatalog } from "./testing-catalog";
import { executeActionRun, getActionRun, listActionRuns, markInterruptedRuns, markInterruptedRunsAtStartup, requestActionRun } from "./runs";
import { getInstanceId } from "./instance";

const TOKEN = "fleet-token-for-action-run-tests-9f3c";
const ctx = { env: { SITREP_FLEET_TOKEN: TOKEN } };
const actor = { id: null, label: "action-run-test" };
const svc = `${uniqueEmail("runs").split("@")[0]}-runner`;
const key = () => randomUUID();

const catalogText = (fleet: string, slow: string) => `services:
  - slug: ${svc}
    name: Beacon Runner (action-run tests)
    actions:
      - name: reset-circuit-breakers
        title: Reset circuit breakers
        danger: caution
        params:
          service: { type: enum, values: [all, database, redis, yagna, ipfs], default: all, label: Breaker }
        http:
          url: ${fleet}/beacon-runner/admin/reset-circuit-breakers
          headers: { Authorization: "Bearer \${env:SITREP_FLEET_TOKEN}" }
          body: { service: "{{service}}" }
      - name: slow
        title: Never answers
        danger: safe
        timeout: 300ms
        http: { url: ${slow}/slow }
      - name: drain
        title: Drain (needs approval)
        danger: destructive
        approval: true
        http: { url: ${fleet}/beacon-runner/admin/restart }
`;

const auditOf = (runId: string) =>
  db.auditEntry.findMany({ where: { after: { path: ["runId"], equals: runId } }, orderBy: { seq: "asc" }, select: { seq: true, verb: true, after: true } });

describe("action runs against the demo fleet", () => {
  let slow: http.Server;
  const fleet = withFleetCatalog(TOKEN, async (url) => {
    slow = http.createServer(() => {});
    await new Promise<void>((r) => slow.listen(0, "127.0.0.1", r));
    return catalogText(url, `http://127.0.0.1:${(slow.address() as AddressInfo).port}`);
  }, "action-runs.yaml");
  const breakers = async () => {
    const body = await (await fetch(`${fleet().url}/beacon-runner/health/ready`)).json();
    return Object.fromEntries(body.services.map((s: { name: string; circuit_breaker_stats: { state: string } }) => [s.name, s.circuit_breaker_stats.state]));
  };

  afterAll(async () => {
    slow?.closeAllConnections();
    await new Promise((r) => slow?.close(r));
  });

  it("requests, executes and succeeds: the fleet's breaker closes, audited request → start → finish on the incident", async () => {
    const inject = await fetch(`${fleet().url}/beacon-runner/faults/circuit-open`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } });
    expect(inject.status).toBe(200);
    expect((await breakers()).yagna).toBe("open");
    const incident = await declareIncident(actor, { title: `Breaker open ${svc}`, severity: "P2", services: [svc], summary: "" });

    const { run, duplicate } = await requestActionRun(actor, { service: svc, action: "reset-circuit-breakers", params: { service: "yagna" }, idempotencyKey: key(), incidentId: incident.id, step: "0.2" });
    expect(duplicate).toBe(false);
    expect(run).toMatchObject({ status: "requested", params: { service: "yagna" }, danger: "caution", incidentId: incident.id, step: "0.2", targetHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The request's entry is committed before anything runs.
    expect((await auditOf(run.id)).map((a) => a.verb)).toEqual(["action.request"]);

    const done = await executeActionRun(actor, run.id, ctx);
    expect(done).toMatchObject({ status: "succeeded", error: null, outputDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(done.outputPreview!.length).toBeGreaterThan(0);
    expect(done.outputBytes).toBeGreaterThan(0);
    expect(done.durationMs).toBeGreaterThanOrEqual(0);
    expect(done.startedAt!.getTime()).toBeLessThanOrEqual(done.finishedAt!.getTime());
    expect((await breakers()).yagna).toBe("closed");

    const audit = await auditOf(run.id);
    expect(audit.map((a) => a.verb)).toEqual(["action.request", "action.start", "action.finish"]);
    expect(audit[2].after).toMatchObject({ status: "succeeded", outputDigest: done.outputDigest, httpStatus: 200 });
    expect(JSON.stringify(audit[2].after)).not.toContain(done.outputPreview!.slice(0, 40));
    const events = await db.timelineEvent.findMany({ where: { incidentId: incident.id, kind: "action" }, orderBy: { occurredAt: "asc" }, select: { data: true } });
    expect(events.map((e) => (e.data as { event: string }).event)).toEqual(["action.request", "action.start", "action.finish"]);
    expect((await listActionRuns({ incidentId: incident.id })).map((r) => r.id)).toEqual([run.id]);
    await expect(executeActionRun(actor, run.id, ctx)).rejects.toThrow(/already finished \(succeeded\)/);
  });

  it("rejects parameters outside the schema with field errors and writes nothing", async () => {
    const idempotencyKey = key();
    const before = await db.auditEntry.count();
    const error = await requestActionRun(actor, { service: svc, action: "reset-circuit-breakers", params: { service: "everything; rm -rf /", extra: 1 }, idempotencyKey }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors).toEqual({ "params.service": ["Breaker must be one of all, database, redis, yagna, ipfs"], "params.extra": [expect.stringContaining("extra is not a parameter")] });
    await expect(requestActionRun(actor, { service: svc, action: "nope", params: {}, idempotencyKey })).rejects.toThrow(NotFoundError);
    await expect(requestActionRun(actor, { service: `${svc}-x`, action: "nope", params: {}, idempotencyKey })).rejects.toThrow(/no service/);
    await expect(requestActionRun(actor, { service: svc, action: "slow", params: {}, idempotencyKey, incidentId: "no-such-incident" })).rejects.toThrow(NotFoundError);
    expect(await db.actionRun.count({ where: { idempotencyKey } })).toBe(0);
    expect(await db.auditEntry.count()).toBe(before);
  });

  it("20 concurrent identical requests create one run and one request entry", async () => {
    const idempotencyKey = key();
    const input = { service: svc, action: "reset-circuit-breakers", params: { service: "redis" }, idempotencyKey };
    const results = await Promise.all(Array.from({ length: 20 }, () => requestActionRun(actor, input)));
    expect(new Set(results.map((r) => r.run.id)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await db.actionRun.count({ where: { idempotencyKey } })).toBe(1);
    expect((await auditOf(results[0].run.id)).map((a) => a.verb)).toEqual(["action.request"]);
    await expect(requestActionRun(actor, { ...input, params: { service: "ipfs" } })).rejects.toThrow(ConflictError);
  });

  it("two concurrent executes: exactly one runs, the other is told it is already running", async () => {
    const { run } = await requestActionRun(actor, { service: svc, action: "reset-circuit-breakers", params: {}, idempotencyKey: key() });
    const outcomes = await Promise.allSettled([executeActionRun(actor, run.id, ctx), executeActionRun(actor, run.id, ctx)]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    expect(rejected.reason.message).toMatch(/already (running|finished)/);
    expect((await auditOf(run.id)).map((a) => a.verb)).toEqual(["action.request", "action.start", "action.finish"]);
  });

  it("a wrong token fails with the HTTP 401 reason", async () => {
    const { run } = await requestActionRun(actor, { service: svc, action: "reset-circuit-breakers", params: {}, idempotencyKey: key() });
    const done = await executeActionRun(actor, run.id, { env: { SITREP_FLEET_TOKEN: "wrong-token-for-run-tests" } });
    expect(done).toMatchObject({ status: "failed", error: expect.stringMatching(/^HTTP 401: /) });
    expect((await auditOf(run.id)).at(-1)!.after).toMatchObject({ status: "failed", httpStatus: 401, error: done.error });
  });

  it("a target that never answers ends timed_out", async () => {
    const { run } = await requestActionRun(actor, { service: svc, action: "slow", params: {}, idempotencyKey: key() });
    const done = await executeActionRun(actor, run.id, ctx);
    expect(done).toMatchObject({ status: "timed_out", error: expect.stringContaining("within 0.3 s") });
    expect(done.durationMs).toBeGreaterThanOrEqual(290);
  });

  it("an action that needs approval waits, and cannot be executed yet", async () => {
    const { run } = await requestActionRun(actor, { service: svc, action: "drain", params: {}, idempotencyKey: key(), confirm: svc });
    expect(run).toMatchObject({ status: "awaiting_approval", danger: "destructive" });
    await expect(executeActionRun(actor, run.id, ctx)).rejects.toThrow(/waiting for a second person/);
  });

  it("an exception during execution still ends in failed with its message", async () => {
    const { run } = await requestActionRun(actor, { service: svc, action: "reset-circuit-breakers", params: {}, idempotencyKey: key() });
    // The stored parameters no longer match the action: executing throws inside the run.
    await db.actionRun.update({ where: { id: run.id }, data: { params: { service: "not-a-breaker" } } });
    const done = await executeActionRun(actor, run.id, ctx);
    expect(done).toMatchObject({ status: "failed", error: expect.stringContaining("Breaker must be one of") });
    expect((await auditOf(run.id)).map((a) => a.verb)).toEqual(["action.request", "action.start", "action.finish"]);
  });

  it("never stores the fleet token: no ActionRun row and no audit entry contains it", async () => {
    const runs = await db.actionRun.findMany({ where: { service: svc } });
    expect(runs.length).toBeGreaterThan(5);
    expect(JSON.stringify(runs)).not.toContain(TOKEN);
    const audit = await db.auditEntry.findMany({ select: { before: true, after: true, actorLabel: true, targetId: true } });
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
    const timeline = await db.timelineEvent.findMany({ where: { kind: "action" }, select: { data: true, body: true } });
    expect(JSON.stringify(timeline)).not.toContain(TOKEN);
  });

  it("marks a run left running as interrupted, with an audit entry, and leaves live instances' runs alone", async () => {
    const mk = async (instanceId: string, deadlineAt: Date | null) => {
      const { run } = await requestActionRun(actor, { service: svc, action: "reset-circuit-breakers", params: {}, idempotencyKey: key() });
      await db.actionRun.update({ where: { id: run.id }, data: { status: "running", startedAt: new Date(), instanceId, deadlineAt } });
      return run.id;
    };
    const soon = new Date(Date.now() + 600_000);
    const [host, pid] = getInstanceId().split(":");
    const previousBoot = await mk(`${host}:${pid}:deadbeef`, soon); // this process's predecessor
    const otherLive = await mk(`other-host-${randomUUID().slice(0, 4)}:1:aaaa`, soon); // another instance, within its deadline
    const otherOverdue = await mk(`other-host-${randomUUID().slice(0, 4)}:1:bbbb`, new Date(Date.now() - 1000));
    const mine = await mk(getInstanceId(), soon); // running right now in this process

    expect(await markInterruptedRunsAtStartup()).toBeGreaterThanOrEqual(2);
    const status = async (id: string) => (await db.actionRun.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
    expect([await status(previousBoot), await status(otherOverdue), await status(otherLive), await status(mine)]).toEqual(["interrupted", "interrupted", "running", "running"]);

    expect(await markInterruptedRuns(getInstanceId())).toBeGreaterThanOrEqual(1);
    const run = await getActionRun(mine);
    expect(run).toMatchObject({ status: "interrupted", error: expect.stringContaining("Interrupted"), finishedAt: expect.any(Date) });
    expect((await auditOf(mine)).map((a) => a.verb)).toEqual(["action.request", "action.interrupted"]);
    expect(await markInterruptedRuns()).toBeGreaterThanOrEqual(1);
    expect(await status(otherLive)).toBe("interrupted");
    expect(await markInterruptedRuns()).toBe(0);
  });
});
