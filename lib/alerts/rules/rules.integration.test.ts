// Sitrep's own threshold rules end to end: the demo fleet (real HTTP), the demo catalog's rules
// with 3-second windows, the real poller (leadership lock, checks, stored samples, rule
// evaluation on the leader) and the real ingest pipeline into PostgreSQL. A fault makes a rule's
// condition hold; the alert fires, an incident opens with the seed runbook linked; the recovery
// clears it, the alert resolves and the incident is marked mitigated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { catalogVars } from "@/lib/env";
import { forgetRunbookIndex } from "@/lib/alerts/lookups";
import { evaluateRules } from "@/lib/alerts/rules/evaluate";
import { ruleFingerprint } from "@/lib/alerts/rules/incoming";
import { importSeedAs, taggedDemoCatalog, untilFleetStoredUp } from "@/lib/alerts/rules/testing";
import { createPollerRuntime } from "@/lib/health/runtime";
import { uniqueEmail } from "@/lib/testing/db";
import { loadTestCatalog, withRestoredCatalog } from "@/lib/actions/testing-catalog";
import { startFleet } from "@/demo/fleet.mjs";
import { fleetClient, until, type FleetClient, type Json } from "@/demo/testing";

const tag = uniqueEmail("rules").split("@")[0];
const mine = (slug: string) => `${tag}-${slug}`;
const [runner, agent] = [mine("beacon-runner"), mine("agent-node")];
const TOKEN = "rules-test-fleet-token";
const VARS = ["SITREP_FLEET_URL", "SITREP_DEMO_INTERVAL", "SITREP_DEMO_RULE_FOR"] as const;
const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
const setEnv = (name: string, v: string | undefined) => (v === undefined ? delete process.env[name] : (process.env[name] = v));

let fleet: Awaited<ReturnType<typeof startFleet>>;
let api: FleetClient;
let runtime: ReturnType<typeof createPollerRuntime> | null = null;
const runbookIds: Record<string, string> = {};

withRestoredCatalog();

const alertOf = (service: string, name: string) =>
  db.alert.findFirst({ where: { fingerprint: ruleFingerprint(service, name), group: { source: "rule", groupKey: `${service}/${name}` } }, include: { group: true, incident: true } });
const ruleAlerts = () => db.alert.findMany({ where: { group: { source: "rule", groupKey: { startsWith: `${tag}-` } } }, select: { alertname: true, service: true, status: true } });
const alertEvents = (incidentId: string) =>
  db.timelineEvent.findMany({ where: { incidentId, kind: "alert" }, orderBy: { occurredAt: "asc" }, select: { data: true, actorLabel: true } });

async function recover(slug: string, fault: string) {
  const listed = (await api.get(`/${slug}/faults`)).json.faults.find((x: Json) => x.name === fault);
  const r = await api.post(new URL(listed.recovery.url).pathname, listed.recovery.body);
  expect(r.status, r.text).toBe(200);
}

function startRuntime() {
  runtime = createPollerRuntime({ evaluateMs: 500 });
  runtime.poller.start();
  return runtime;
}

beforeAll(async () => {
  fleet = await startFleet({ port: 0, token: TOKEN, tickMs: 100, log: () => {} });
  api = fleetClient(fleet.url, TOKEN);
  // The demo catalog as Sitrep loads it, polled every second, every rule holding for 3 s.
  setEnv("SITREP_FLEET_URL", fleet.url);
  setEnv("SITREP_DEMO_INTERVAL", "1s");
  setEnv("SITREP_DEMO_RULE_FOR", "3s");
  await loadTestCatalog(taggedDemoCatalog(mine), "demo/catalog.yaml", catalogVars());
  runbookIds.JobsStuckInQueue = await importSeedAs(tag, "beacon-runner-runbook.md", "jobs-stuck-in-queue");
  runbookIds.HighErrorRate = await importSeedAs(tag, "agent-node-operational-runbook.md", "high-error-rate-alert");
  forgetRunbookIndex();
  startRuntime();
  await untilFleetStoredUp(tag);
});

afterAll(async () => {
  await runtime?.poller.stop();
  await fleet?.close();
  for (const v of VARS) setEnv(v, saved[v]);
});

describe("threshold rules on the demo fleet", () => {
  it("fire nothing while the fleet is healthy, once their windows are covered by data", async () => {
    await new Promise((r) => setTimeout(r, 5_000)); // the 3 s window and the rates' 4 s, of healthy data
    const started = performance.now();
    const outcomes = (await evaluateRules()).filter((o) => o.key.startsWith(`${tag}-`));
    console.info(`[rules test] one evaluation round of ${outcomes.length} rules on ${new Set(outcomes.map((o) => o.key.split("/")[0])).size} services: ${Math.round(performance.now() - started)} ms`);
    expect(outcomes.length).toBeGreaterThanOrEqual(20);
    expect(outcomes.filter((o) => o.result !== "unchanged")).toEqual([]);
    // Every rule had a value: the stored samples cover what the rules read.
    expect(outcomes.filter((o) => o.value === null).map((o) => o.key)).toEqual([]);
    expect(await ruleAlerts()).toEqual([]);
  });

  it("jobs stuck in the outbox: fires once it held for the window, opens an incident with its runbook; the recovery resolves it and mitigates the incident", async () => {
    const injectedAt = Date.now();
    expect((await api.post("/beacon-runner/faults/jobs-stuck-in-queue")).status).toBe(200);
    await until("JobsStuckInQueue firing", async () => (await alertOf(runner, "JobsStuckInQueue"))?.status === "firing" || "not yet", 20_000);
    const alert = (await alertOf(runner, "JobsStuckInQueue"))!;

    // `for`: the first stored sample over the threshold is at least 3 s older than the firing.
    const over = await db.metricSample.findFirstOrThrow({ where: { series: { slug: runner, name: "outbox_unpublished_count" }, t: { gte: new Date(injectedAt - 1000) }, v: { gt: 10 } }, orderBy: { t: "asc" } });
    expect(alert.startsAt.getTime() - over.t.getTime()).toBeGreaterThanOrEqual(3000);
    expect(alert).toMatchObject({
      alertname: "JobsStuckInQueue", severity: "P1", service: runner, fireCount: 1, runbookId: runbookIds.JobsStuckInQueue,
      labels: { alertname: "JobsStuckInQueue", service: runner, severity: "P1" },
      annotations: { summary: expect.stringMatching(/^\d+ jobs unpublished in the outbox of Beacon Runner$/), description: "The outbox has held more than 10 unpublished jobs for 3s: the outbox publisher may be stalled." },
      group: { source: "rule", groupKey: `${runner}/JobsStuckInQueue`, status: "firing" },
    });
    expect(alert.incident).toMatchObject({ severity: "P1", status: "triggered", services: [runner], title: expect.stringMatching(/^JobsStuckInQueue: \d+ jobs unpublished in the outbox of Beacon Runner$/) });
    const events = await alertEvents(alert.incidentId!);
    expect(events).toEqual([{ actorLabel: "sitrep rules", data: expect.objectContaining({ event: "fired", alertname: "JobsStuckInQueue", runbookTitle: "Jobs Stuck in Queue", service: runner }) }]);

    // A new poller (a restart, or another instance taking over) reads the state from the Alert table: nothing is sent again.
    await runtime!.poller.stop();
    startRuntime();
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await alertOf(runner, "JobsStuckInQueue")).toMatchObject({ status: "firing", fireCount: 1 });
    expect(await alertEvents(alert.incidentId!)).toHaveLength(1);

    const recoveredAt = Date.now();
    await recover("beacon-runner", "jobs-stuck-in-queue");
    await until("JobsStuckInQueue resolved", async () => (await alertOf(runner, "JobsStuckInQueue"))?.status === "resolved" || "still firing", 15_000);
    const after = (await alertOf(runner, "JobsStuckInQueue"))!;
    console.info(`[rules test] JobsStuckInQueue: over the threshold ${over.t.getTime() - injectedAt} ms after the fault, fired ${alert.startsAt.getTime() - injectedAt} ms after it (3 s window), resolved ${after.endsAt!.getTime() - recoveredAt} ms after the recovery`);
    expect(after).toMatchObject({ fireCount: 1, group: { status: "resolved" }, incident: { status: "mitigated" } });
    expect((await alertEvents(alert.incidentId!)).map((e) => (e.data as Json).event)).toEqual(["fired", "resolved"]);
    expect((await ruleAlerts()).filter((a) => a.status === "firing")).toEqual([]);
  });

  it("error rate over the total rate (agent-node HighErrorRate): fires, links the seed runbook by its alert name, resolves after the rollback", async () => {
    expect((await api.post("/agent-node/faults/high-error-rate")).status).toBe(200);
    await until("HighErrorRate firing", async () => (await alertOf(agent, "HighErrorRate"))?.status === "firing" || "not yet", 20_000);
    const alert = (await alertOf(agent, "HighErrorRate"))!;
    // About 12% of requests fail (30% of the busiest route): the value is a percentage.
    const value = Number(/is ([\d.]+)%$/.exec(alert.summary)?.[1]);
    expect(value).toBeGreaterThan(5);
    expect(value).toBeLessThan(40);
    expect(alert).toMatchObject({ severity: "P2", runbookId: runbookIds.HighErrorRate, incident: { severity: "P2", services: [agent] } });
    // Only the error rate: the AI providers and latency were never at fault.
    expect((await ruleAlerts()).filter((a) => a.service === agent).map((a) => a.alertname)).toEqual(["HighErrorRate"]);

    await recover("agent-node", "high-error-rate");
    await until("HighErrorRate resolved, its incident mitigated", async () => {
      const a = await alertOf(agent, "HighErrorRate");
      return (a?.status === "resolved" && a.incident?.status === "mitigated") || `${a?.status}, ${a?.incident?.status}`;
    }, 15_000);
  });

  it("never fires a \"<\" rule on missing data: the runner down serves no metrics, LowNegotiationSuccessRate stays quiet (RunnerDown, a health rule, fires)", async () => {
    expect((await api.post("/beacon-runner/faults/runner-down")).status).toBe(200);
    // No data for longer than the window and the no-data limit (5 steps).
    await new Promise((r) => setTimeout(r, 7_000));
    expect((await db.serviceState.findUniqueOrThrow({ where: { slug: runner } })).status).toBe("down");
    const beacon = (await evaluateRules()).filter((o) => o.key.startsWith(`${runner}/`));
    expect(beacon.map((o) => [o.key, o.value, o.result])).toEqual([
      ...["HighJobFailureRate", "JobsStuckInQueue", "HighHTTPLatency", "LowNegotiationSuccessRate", "RunnerHeapHigh"].map((n) => [`${runner}/${n}`, null, "unchanged"]),
      [`${runner}/RunnerDown`, expect.stringMatching(/^down \(HTTP 503/), "unchanged"],
    ]);
    expect(await alertOf(runner, "LowNegotiationSuccessRate")).toBeNull();
    expect((await ruleAlerts()).filter((a) => a.status === "firing").map((a) => a.alertname)).toEqual(["RunnerDown"]);
    await recover("beacon-runner", "runner-down");
    await until("RunnerDown resolved", async () => (await alertOf(runner, "RunnerDown"))?.status === "resolved" || "still firing", 10_000);
  });
});
