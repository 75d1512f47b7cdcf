// The two-person rule, dry runs and verification against the real database and demo fleet:
// approvals cover exactly what was reviewed and expire, requesters cannot approve themselves,
// a dry run executes nothing but is audited, and verification reads the service's real health.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { declareIncident } from "@/lib/incidents/mutations";
import { uniqueEmail } from "@/lib/testing/db";
import { dryRunAction } from "./preview";
import { approveActionRun, denyActionRun, executeActionRun, requestActionRun } from "./runs";
import { loadTestCatalog, withFleetCatalog } from "./testing-catalog";

const TOKEN = "fleet-token-for-approval-tests-71ab";
const ctx = { env: { SITREP_FLEET_TOKEN: TOKEN }, verifyPollMs: 100 };
const alice = { id: `alice-${randomUUID()}`, label: "alice@example.test" };
const bob = { id: `bob-${randomUUID()}`, label: "bob@example.test" };
const svc = `${uniqueEmail("appr").split("@")[0]}-runner`;
const key = () => randomUUID();

const catalog = (fleet: string, restartPath = "restart") => `services:
  - slug: ${svc}
    name: Beacon Runner (approval tests)
    health:
      url: ${fleet}/beacon-runner/health/ready
      fields:
        - { path: "services[].circuit_breaker_stats.state", label: Circuit breaker, key: name, ok: [closed] }
    metrics: { scrape: ${fleet}/beacon-runner/metrics }
    actions:
      - name: reset
        title: Reset circuit breakers
        params: { service: { type: enum, values: [all, yagna, ipfs], default: all } }
        http:
          url: ${fleet}/beacon-runner/admin/reset-circuit-breakers
          headers: { Authorization: "Bearer \${env:SITREP_FLEET_TOKEN}" }
          body: { service: "{{service}}" }
        verify: { health: up, metric: { name: circuit_breaker_state, labels: { service: yagna }, op: "==", value: 0 }, within: 5s }
      - name: restart
        title: Restart the runner
        danger: destructive
        approval: true
        http:
          url: ${fleet}/beacon-runner/admin/${restartPath}
          headers: { Authorization: "Bearer \${env:SITREP_FLEET_TOKEN}" }
      - name: scale
        title: Scale (never verifies)
        params: { count: { type: integer, min: 1, max: 10, default: 4 } }
        http:
          url: ${fleet}/beacon-runner/admin/scale-machines
          headers: { Authorization: "Bearer \${env:SITREP_FLEET_TOKEN}" }
          body: { count: "{{count}}" }
        verify: { metric: { name: outbox_unpublished_count, op: "<", value: -1 }, within: 300ms }
        rollback: restore
      - name: restore
        title: Restore the machine count
        http:
          url: ${fleet}/beacon-runner/admin/restore-machines
          headers: { Authorization: "Bearer \${env:SITREP_FLEET_TOKEN}" }
`;

const verbsOf = async (runId: string) =>
  (await db.auditEntry.findMany({ where: { after: { path: ["runId"], equals: runId } }, orderBy: { seq: "asc" }, select: { verb: true } })).map((a) => a.verb);
const requestRestart = () => requestActionRun(alice, { service: svc, action: "restart", params: {}, idempotencyKey: key(), confirm: svc });

describe("approvals, dry runs and verification", () => {
  const fleet = withFleetCatalog(TOKEN, (url) => catalog(url));

  it("a destructive action needs the service's slug typed to confirm", async () => {
    const error = await requestActionRun(alice, { service: svc, action: "restart", params: {}, idempotencyKey: key(), confirm: "yes" }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors.confirm[0]).toContain(`type ${svc} to confirm`);
  });

  it("the requester cannot approve; another person approves exactly what they reviewed, then it runs", async () => {
    const { run } = await requestRestart();
    expect(run.status).toBe("awaiting_approval");
    await expect(approveActionRun(alice, { runId: run.id, targetHash: run.targetHash, confirmedBy: "password" })).rejects.toThrow(ForbiddenError);
    const other = "0".repeat(64);
    await expect(approveActionRun(bob, { runId: run.id, targetHash: other, confirmedBy: "password" })).rejects.toThrow(/not the one you reviewed/);

    const approved = await approveActionRun(bob, { runId: run.id, targetHash: run.targetHash, confirmedBy: "password" });
    expect(approved).toMatchObject({ status: "requested", approvedByLabel: bob.label, approvedHash: run.targetHash });
    const ttl = approved.expiresAt!.getTime() - approved.approvedAt!.getTime();
    expect(ttl).toBe(15 * 60_000);
    await expect(approveActionRun(bob, { runId: run.id, targetHash: run.targetHash, confirmedBy: "password" })).rejects.toThrow(/already approved/);

    const done = await executeActionRun(alice, run.id, ctx);
    expect(done.status).toBe("succeeded");
    expect(await verbsOf(run.id)).toEqual(["action.request", "action.approve", "action.start", "action.finish"]);
  });

  it("an expired approval cannot be used", async () => {
    const { run } = await requestRestart();
    await approveActionRun(bob, { runId: run.id, targetHash: run.targetHash, confirmedBy: "sso" }, 1);
    await new Promise((r) => setTimeout(r, 20));
    await expect(executeActionRun(alice, run.id, ctx)).rejects.toThrow(/approval has expired/);
    expect((await db.actionRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("requested");
  });

  it("an approval does not cover the action once the catalog changes it", async () => {
    const { run } = await requestRestart();
    await approveActionRun(bob, { runId: run.id, targetHash: run.targetHash, confirmedBy: "password" });
    await loadTestCatalog(catalog(fleet().url, "restart-service"));
    try {
      await expect(executeActionRun(alice, run.id, ctx)).rejects.toThrow(/changed in the catalog since it was approved/);
      const pending = await requestRestart();
      await loadTestCatalog(catalog(fleet().url));
      await expect(approveActionRun(bob, { runId: pending.run.id, targetHash: pending.run.targetHash, confirmedBy: "password" })).rejects.toThrow(/changed in the catalog/);
    } finally {
      await loadTestCatalog(catalog(fleet().url));
    }
  });

  it("a denied request is final, with who and why; the requester may withdraw their own", async () => {
    const { run } = await requestRestart();
    const denied = await denyActionRun(bob, { runId: run.id, reason: "  Not during the backup window " });
    expect(denied).toMatchObject({ status: "denied", deniedByLabel: bob.label, denyReason: "Not during the backup window", finishedAt: expect.any(Date) });
    await expect(approveActionRun(bob, { runId: run.id, targetHash: run.targetHash, confirmedBy: "password" })).rejects.toThrow(ConflictError);
    await expect(executeActionRun(alice, run.id, ctx)).rejects.toThrow(/already finished \(denied\)/);
    const own = (await requestRestart()).run;
    await denyActionRun(alice, { runId: own.id });
    expect(await verbsOf(own.id)).toEqual(["action.request", "action.deny"]);
  });

  it("a dry run resolves the request with secrets masked, executes nothing, and is audited on the incident", async () => {
    const incident = await declareIncident({ id: null, label: alice.label }, { title: `Dry run ${svc}`, severity: "P3", services: [svc], summary: "" });
    const runsBefore = await db.actionRun.count({ where: { service: svc } });
    const shown = await dryRunAction(alice, { service: svc, action: "reset", params: { service: "yagna" }, incidentId: incident.id }, ctx);
    expect(shown.preview.summary).toBe(`POST ${fleet().url}/beacon-runner/admin/reset-circuit-breakers`);
    expect(shown.preview.detail).toMatchObject({ headers: { Authorization: "Bearer ••••" }, body: { service: "yagna" } });
    expect(shown.verify).toContain("health up");
    expect(JSON.stringify(shown)).not.toContain(TOKEN);
    expect(await db.actionRun.count({ where: { service: svc } })).toBe(runsBefore);
    const event = await db.timelineEvent.findFirstOrThrow({ where: { incidentId: incident.id, kind: "action" }, select: { data: true } });
    expect(event.data).toMatchObject({ event: "action.dry_run", params: { service: "yagna" }, targetHash: shown.targetHash });
    expect(JSON.stringify(event.data)).not.toContain(TOKEN);
  });

  it("verification passes when the service is healthy again, with health before and after", async () => {
    await fetch(`${fleet().url}/beacon-runner/faults/circuit-open`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } });
    const { run } = await requestActionRun(alice, { service: svc, action: "reset", params: { service: "yagna" }, idempotencyKey: key() });
    const done = await executeActionRun(alice, run.id, ctx);
    expect(done).toMatchObject({ status: "succeeded", verifyStatus: "passed" });
    expect(done.healthBefore).toMatchObject({ status: "degraded", failing: expect.arrayContaining([expect.stringMatching(/yagna: open/)]) });
    expect(done.healthAfter).toMatchObject({ status: "up", failing: [] });
    expect(done.verifyDetail).toMatch(/health is up; circuit_breaker_state\{service="yagna"\} == 0 holds/);
    expect(await verbsOf(run.id)).toEqual(["action.request", "action.start", "action.finish", "action.verify"]);
  });

  it("a failed verification says what it saw and offers the paired rollback", async () => {
    const { run } = await requestActionRun(alice, { service: svc, action: "scale", params: { count: 3 }, idempotencyKey: key() });
    const done = await executeActionRun(alice, run.id, ctx);
    expect(done).toMatchObject({ status: "succeeded", verifyStatus: "failed", verifyDetail: expect.stringMatching(/outbox_unpublished_count < -1 does not hold: outbox_unpublished_count = \d+/) });
    const entry = await db.auditEntry.findFirstOrThrow({ where: { verb: "action.verify", after: { path: ["runId"], equals: run.id } }, select: { after: true } });
    expect(entry.after).toMatchObject({ verifyStatus: "failed", rollbackOffered: "restore" });
    const rollback = await requestActionRun(alice, { service: svc, action: "restore", params: {}, idempotencyKey: key(), rollbackOfId: run.id });
    expect(rollback.run.rollbackOfId).toBe(run.id);
    await expect(requestActionRun(alice, { service: svc, action: "restore", params: {}, idempotencyKey: key(), rollbackOfId: "no-such-run" })).rejects.toThrow(/roll back does not exist/);
  });
});
