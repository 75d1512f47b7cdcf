// Health rules end to end: the demo fleet (real HTTP), the demo catalog (polled every second,
// "down" for 3 s), the real poller with its leader lock, and the real ingest into PostgreSQL.
// The periodic rules round is set to an hour here, so what fires is the poller's own judgement
// right after it records a round: the runner down opens a P1 incident with the Beacon runbook
// linked, its recovery resolves the alert and mitigates the incident.
// SITREP_TEST_DEMO_DEFAULTS=1 runs the outage with `npm start`'s settings (15 s checks, 1 m
// window, rules every 15 s) to measure the real latency: about 80 s, so it is not run by default.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { catalogVars } from "@/lib/env";
import { forgetRunbookIndex } from "@/lib/alerts/lookups";
import { listIncidentAlerts } from "@/lib/alerts/queries";
import { evaluateRules } from "@/lib/alerts/rules/evaluate";
import { evaluateHealthRules } from "@/lib/alerts/rules/evaluate-health";
import { ruleFingerprint } from "@/lib/alerts/rules/incoming";
import { formatWindow } from "@/lib/alerts/rules/template";
import { importSeedAs, seedRunbookBySlug, taggedDemoCatalog, untilFleetStoredUp } from "@/lib/alerts/rules/testing";
import { createPollerRuntime } from "@/lib/health/runtime";
import { uniqueEmail } from "@/lib/testing/db";
import { loadTestCatalog, withRestoredCatalog } from "@/lib/actions/testing-catalog";
import { startFleet } from "@/demo/fleet.mjs";
import { CATALOG_TEXT, fleetClient, until, type FleetClient, type Json } from "@/demo/testing";

const DEFAULTS = process.env.SITREP_TEST_DEMO_DEFAULTS === "1";
const [INTERVAL, WINDOW] = DEFAULTS ? [15_000, 60_000] : [1_000, 3_000];
const tag = uniqueEmail("health").split("@")[0];
const mine = (slug: string) => `${tag}-${slug}`;
const [runner, coordinator, postgres] = [mine("beacon-runner"), mine("aitbc-coordinator"), mine("aitbc-postgres")];
const TOKEN = "health-rules-test-fleet-token";
const VARS = ["SITREP_FLEET_URL", "SITREP_DEMO_INTERVAL", "SITREP_DEMO_RULE_FOR"] as const;
const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
const setEnv = (name: string, v: string | undefined) => (v === undefined ? delete process.env[name] : (process.env[name] = v));

let fleet: Awaited<ReturnType<typeof startFleet>>;
let api: FleetClient;
let runtime: ReturnType<typeof createPollerRuntime> | null = null;
let catalogText = "";
const runbookIds: Record<string, string> = {};

withRestoredCatalog();

const alertOf = (service: string, name: string) =>
  db.alert.findFirst({ where: { fingerprint: ruleFingerprint(service, name), group: { source: "rule", groupKey: `${service}/${name}` } }, include: { group: true, incident: true } });
const firingOfMine = async () =>
  (await db.alert.findMany({ where: { status: "firing", group: { source: "rule", groupKey: { startsWith: `${tag}-` } } }, select: { group: { select: { groupKey: true } } } })).map((a) => a.group.groupKey);
/** The alert events on an incident's timeline: [event, summary]. */
const alertEvents = async (incidentId: string) =>
  (await db.timelineEvent.findMany({ where: { incidentId, kind: "alert" }, orderBy: { occurredAt: "asc" }, select: { data: true } })).map((e) => [(e.data as Json).event, (e.data as Json).summary]);

beforeAll(async () => {
  fleet = await startFleet({ port: 0, token: TOKEN, tickMs: 100, log: () => {} });
  api = fleetClient(fleet.url, TOKEN);
  setEnv("SITREP_FLEET_URL", fleet.url);
  setEnv("SITREP_DEMO_INTERVAL", DEFAULTS ? undefined : "1s");
  setEnv("SITREP_DEMO_RULE_FOR", DEFAULTS ? undefined : "3s");
  catalogText = taggedDemoCatalog(mine, CATALOG_TEXT);
  await loadTestCatalog(catalogText, "demo/catalog.yaml", catalogVars());
  runbookIds.RunnerDown = await importSeedAs(tag, "beacon-runner-runbook.md", "runner-down");
  runbookIds.PostgresDown = await seedRunbookBySlug("aitbc-incident-runbooks.md", "aitbc-incident-runbooks--database-failure");
  forgetRunbookIndex();
  // Rules every hour (the first round at once): health rules fire from the poller's rounds alone.
  runtime = createPollerRuntime(DEFAULTS ? {} : { evaluateMs: 3_600_000 });
  runtime.poller.start();
  await untilFleetStoredUp(tag);
});

afterAll(async () => {
  await runtime?.poller.stop();
  await fleet?.close();
  for (const v of VARS) setEnv(v, saved[v]);
});

describe("health rules on the demo fleet", () => {
  it.skipIf(DEFAULTS)("judge the healthy fleet up and fire nothing", async () => {
    await new Promise((r) => setTimeout(r, WINDOW + INTERVAL));
    const outcomes = await evaluateHealthRules({ slugs: [runner, coordinator, postgres] });
    expect(outcomes.map((o) => [o.key, o.value, o.result])).toEqual([
      [`${runner}/RunnerDown`, "up", "unchanged"], [`${coordinator}/CoordinatorDown`, "up", "unchanged"], [`${postgres}/PostgresDown`, "up", "unchanged"],
    ]);
    expect(await firingOfMine()).toEqual([]);
  });

  it("runner down: RunnerDown opens a P1 incident with the Beacon runbook within a check of the window; clearing the fault resolves it and mitigates the incident", async () => {
    const injectedAt = Date.now();
    expect((await api.post("/beacon-runner/faults/runner-down")).status).toBe(200);
    await until("RunnerDown firing", async () => (await alertOf(runner, "RunnerDown"))?.status === "firing" || "not yet", WINDOW + 3 * INTERVAL + 10_000);
    const alert = (await alertOf(runner, "RunnerDown"))!;
    const firstDown = await db.healthCheck.findFirstOrThrow({ where: { slug: runner, status: "down", at: { gte: new Date(injectedAt) } }, orderBy: { at: "asc" } });
    const firedAfter = alert.startsAt.getTime() - injectedAt;
    const openedAfter = alert.incident!.createdAt.getTime() - injectedAt;
    const overhead = alert.startsAt.getTime() - firstDown.at.getTime() - WINDOW;
    console.info(`[health rules test] ${INTERVAL / 1000} s checks, ${WINDOW / 1000} s window: first down check ${firstDown.at.getTime() - injectedAt} ms after the fault, `
      + `RunnerDown fired ${firedAfter} ms and its incident opened ${openedAfter} ms after it (${overhead} ms past the window). `
      + `With npm start's 15 s checks and 1 m window, at worst: 15 s to the first down check + 60 s + up to 0.5 s of scheduling per check (2 s) + this overhead `
      + `+ a hanging check's 5 s timeout = ${Math.round((15_000 + 60_000 + 2_000 + Math.max(overhead, 0) + 5_000) / 1000)} s (a 503 answers at once: ${Math.round((77_000 + Math.max(overhead, 0)) / 1000)} s).`);
    // `for`: the first down check is at least the window older than the firing, and no later than a check and a round after it.
    expect(alert.startsAt.getTime() - firstDown.at.getTime()).toBeGreaterThanOrEqual(WINDOW);
    expect(openedAfter).toBeLessThan(DEFAULTS ? 90_000 : WINDOW + INTERVAL + 4_000);
    expect(alert).toMatchObject({
      alertname: "RunnerDown", severity: "P1", service: runner, fireCount: 1, runbookId: runbookIds.RunnerDown,
      summary: "Beacon Runner is down (HTTP 503: beacon-runner-production: no machines in started state)",
      annotations: { description: `Every health check of Beacon Runner has failed for ${formatWindow(WINDOW)}: the service is unavailable. Check the Fly.io app status, then restart.` },
    });
    expect(alert.incident).toMatchObject({ severity: "P1", status: "triggered", services: [runner], title: "RunnerDown: Beacon Runner is down (HTTP 503: beacon-runner-production: no machines in started state)" });
    // The incident's Alerts card: RunnerDown, with the Beacon runner runbook.
    expect((await listIncidentAlerts(alert.incidentId!)).map((a) => [a.alertname, a.status, a.runbook?.title])).toEqual([["RunnerDown", "firing", "Runner Down"]]);

    const clearedAt = Date.now();
    expect((await api.del("/beacon-runner/faults/runner-down")).status).toBe(200);
    await until("RunnerDown resolved, its incident mitigated", async () => {
      const a = await alertOf(runner, "RunnerDown");
      return (a?.status === "resolved" && a.incident?.status === "mitigated") || `${a?.status}, ${a?.incident?.status}`;
    }, 3 * INTERVAL + 5_000);
    const after = (await alertOf(runner, "RunnerDown"))!;
    console.info(`[health rules test] RunnerDown resolved ${after.endsAt!.getTime() - clearedAt} ms after the fault was cleared`);
    expect(after).toMatchObject({ fireCount: 1, group: { status: "resolved" } });
    // The timeline says what each check said: down with its reason, then up again.
    expect(await alertEvents(alert.incidentId!)).toEqual([["fired", alert.summary], ["resolved", "Beacon Runner is up"]]);
  }, DEFAULTS ? 180_000 : 30_000);

  it.skipIf(DEFAULTS)("a dependency down: PostgresDown fires with its runbook; the coordinator, down only because of it, is impacted and its rule waits", async () => {
    expect((await api.post("/aitbc-postgres/faults/postgres-down")).status).toBe(200);
    await until("PostgresDown firing", async () => (await alertOf(postgres, "PostgresDown"))?.status === "firing" || "not yet", 15_000);
    expect(await alertOf(postgres, "PostgresDown")).toMatchObject({ severity: "P1", runbookId: runbookIds.PostgresDown, incident: { severity: "P1", services: [postgres] } });
    await new Promise((r) => setTimeout(r, 2 * INTERVAL));
    expect((await db.serviceState.findUniqueOrThrow({ where: { slug: coordinator } })).status).toBe("down");
    const [judged] = await evaluateHealthRules({ slugs: [coordinator] });
    expect(judged).toMatchObject({ key: `${coordinator}/CoordinatorDown`, value: expect.stringMatching(/^down \(HTTP 503/), result: "unchanged" });
    expect(await firingOfMine()).toEqual([`${postgres}/PostgresDown`]);

    expect((await api.post("/aitbc-postgres/admin/restart", {})).status).toBe(200);
    await until("PostgresDown resolved", async () => (await alertOf(postgres, "PostgresDown"))?.status === "resolved" || "still firing", 10_000);
    expect(await alertOf(coordinator, "CoordinatorDown")).toBeNull();
  });

  it.skipIf(DEFAULTS)("every other down fault of the fleet fires its service's health rule, linked to the runbook the catalog names, and its recovery resolves it", async () => {
    const cases = [
      ["fondation-worker", "worker-not-processing", "WorkerDown", "fondation-worker-runbook.md", "fondation-worker-runbook--worker-not-processing-jobs"],
      ["nats", "nats-down", "NatsServerDown", "beamline-router-recovery.md", "beamline-router-recovery--nats-recovery"],
      ["aitbc-coordinator", "coordinator-503", "CoordinatorDown", "aitbc-incident-runbooks.md", "aitbc-incident-runbooks--coordinator-api-outage"],
      ["aitbc-redis", "redis-down", "RedisDown", "aitbc-incident-runbooks.md", "aitbc-incident-runbooks--redis-failure"],
    ] as const;
    for (const [slug, fault, rule, file, runbook] of cases) {
      const runbookId = await seedRunbookBySlug(file, runbook);
      forgetRunbookIndex();
      expect((await api.post(`/${slug}/faults/${fault}`)).status, fault).toBe(200);
      await until(`${rule} firing`, async () => (await alertOf(mine(slug), rule))?.status === "firing" || "not yet", 15_000);
      // Its own incident, or the still-open one of a service it is related to (the coordinator's, after PostgresDown): SITREP_ALERT_ATTACH.
      expect(await alertOf(mine(slug), rule), rule).toMatchObject({ runbookId, summary: expect.stringMatching(/ is down \(/), incident: { services: expect.arrayContaining([mine(slug)]) } });
      const listed = (await api.get(`/${slug}/faults`)).json.faults.find((x: Json) => x.name === fault);
      expect((await api.post(new URL(listed.recovery.url).pathname, listed.recovery.body)).status, fault).toBe(200);
      await until(`${rule} resolved`, async () => (await alertOf(mine(slug), rule))?.status === "resolved" || "still firing", 10_000);
    }
  }, 120_000);

  it.skipIf(DEFAULTS)("a health rule taken out of the catalog while firing resolves", async () => {
    expect((await api.post("/beacon-runner/faults/runner-down")).status).toBe(200);
    await until("RunnerDown firing again", async () => (await alertOf(runner, "RunnerDown"))?.status === "firing" || "not yet", 15_000);
    const without = catalogText.replace(/ {6}- name: RunnerDown\n(?: {8}.*\n)+/, "");
    expect(without).not.toContain("RunnerDown");
    await loadTestCatalog(without, "demo/catalog.yaml", catalogVars());
    const removed = (await evaluateRules()).filter((o) => o.key === `${runner}/RunnerDown`);
    expect(removed).toMatchObject([{ result: "resolved", value: null }]);
    const alert = await alertOf(runner, "RunnerDown");
    expect(alert).toMatchObject({ status: "resolved", fireCount: 2, incident: { status: "mitigated" } });
    expect((await alertEvents(alert!.incidentId!)).at(-1)).toEqual(["resolved", "RunnerDown on Beacon Runner: the rule is no longer in the catalog"]);
    expect((await api.del("/beacon-runner/faults/runner-down")).status).toBe(200);
    await loadTestCatalog(catalogText, "demo/catalog.yaml", catalogVars());
  });
});
