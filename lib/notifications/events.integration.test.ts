// Notifications end to end against the real database and real HTTP receivers: the catalog's
// channels (URL and secret as ${env:NAME}) hear incidents declared, their severity changed,
// resolved, an action awaiting approval, and an alert ingested through the alert pipeline.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { amPayloadSchema } from "@/lib/alerts/alertmanager-schema";
import { ingestGroup, ingestOptions } from "@/lib/alerts/ingest";
import { fromAlertmanager } from "@/lib/alerts/normalize";
import { amNotification, uniqueGroupKey } from "@/lib/alerts/testing";
import { changeIncidentSeverity, changeIncidentStatus, declareIncident } from "@/lib/incidents/mutations";
import { requestActionRun } from "@/lib/actions/runs";
import { loadTestCatalog, withRestoredCatalog } from "@/lib/actions/testing-catalog";
import { verifySignature } from "./signature";
import { startReceiver, type Receiver } from "./testing";
import { DEFAULT_WORKER_OPTIONS, deliverDue } from "./worker";

const tag = randomUUID().slice(0, 8);
const ORIGIN = "https://sitrep.test";
const SECRET = `hmac-secret-${randomUUID()}`;
const svc = `notify-svc-${tag}`;
const slackName = `slack-${tag}`;
const hookName = `hook-${tag}`;
const p1Name = `p1-only-${tag}`;
const alice = { id: null, label: "alice@example.test" };
const deliver = () => deliverDue({ ...DEFAULT_WORKER_OPTIONS, origin: () => ORIGIN });

let slack: Receiver;
let hook: Receiver;
let p1: Receiver;

withRestoredCatalog();
beforeAll(async () => {
  [slack, hook, p1] = await Promise.all([startReceiver(), startReceiver(), startReceiver()]);
  // The Slack URL's path is its secret, as with a real incoming webhook.
  process.env.NOTIFY_TEST_SLACK_URL = `${slack.url}/services/T000/B000/${tag}secretpath`;
  process.env.NOTIFY_TEST_HOOK_URL = `${hook.url}/sitrep`;
  process.env.NOTIFY_TEST_HOOK_SECRET = SECRET;
  process.env.NOTIFY_TEST_P1_URL = `${p1.url}/p1`;
  await loadTestCatalog(`services:
  - slug: ${svc}
    name: Notify test service
    actions:
      - name: restart
        title: Restart everything
        danger: destructive
        approval: true
        http: { url: "http://127.0.0.1:9/restart" }
notifications:
  - { name: ${slackName}, kind: slack, url: "\${env:NOTIFY_TEST_SLACK_URL}" }
  - { name: ${hookName}, kind: webhook, url: "\${env:NOTIFY_TEST_HOOK_URL}", secret: "\${env:NOTIFY_TEST_HOOK_SECRET}" }
  - { name: ${p1Name}, kind: webhook, url: "\${env:NOTIFY_TEST_P1_URL}", secret: "\${env:NOTIFY_TEST_HOOK_SECRET}", events: [incident.declared], minSeverity: P1 }
`, "notify-tests.yaml");
});
afterAll(async () => {
  await db.notification.deleteMany({ where: { channelName: { in: [slackName, hookName, p1Name] } } });
  await Promise.all([slack?.close(), hook?.close(), p1?.close()]);
});

const rowsOf = (incidentId: string) => db.notification.findMany({ where: { incidentId }, orderBy: { id: "asc" } });
const forIncident = (r: Receiver, number: number) => r.received.filter((m) => JSON.stringify(m.json).includes(`/incidents/${number}`));

describe("catalog channels", () => {
  it("a declared incident reaches Slack and the signed webhook; the receiver verifies the signature", async () => {
    const incident = await declareIncident(alice, { title: `Checkout down ${tag}`, severity: "P2", services: [svc], summary: "" });
    const rows = await rowsOf(incident.id);
    expect(rows.map((r) => [r.channelName, r.event, r.status])).toEqual([
      [slackName, "incident.declared", "pending"], [hookName, "incident.declared", "pending"],
    ]);
    // The stored facts hold no URL or secret.
    expect(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toMatch(/secretpath|hmac-secret|127\.0\.0\.1/);

    await deliver();
    expect((await rowsOf(incident.id)).map((r) => [r.status, r.attempts, r.lastStatus])).toEqual([["delivered", 1, 200], ["delivered", 1, 200]]);

    const [toSlack] = forIncident(slack, incident.number);
    expect(toSlack.path).toBe(`/services/T000/B000/${tag}secretpath`);
    expect(toSlack.json).toMatchObject({ text: `P2 incident declared: INC-${incident.number} Checkout down ${tag} ${ORIGIN}/incidents/${incident.number}` });
    expect(JSON.stringify((toSlack.json as { blocks: unknown[] }).blocks)).toContain(`<${ORIGIN}/incidents/${incident.number}|INC-${incident.number}: Checkout down ${tag}>`);

    const [toHook] = forIncident(hook, incident.number);
    const h = toHook.headers;
    expect(verifySignature(SECRET, { signature: h["x-sitrep-signature"] as string, timestamp: h["x-sitrep-timestamp"] as string }, toHook.body)).toBe(true);
    expect(verifySignature("not-the-secret-at-all", { signature: h["x-sitrep-signature"] as string, timestamp: h["x-sitrep-timestamp"] as string }, toHook.body)).toBe(false);
    expect(h["x-sitrep-event"]).toBe("incident.declared");
    expect(h["x-sitrep-delivery"]).toBe(rows[1].id.toString());
    expect(toHook.json).toMatchObject({
      event: "incident.declared", deliveryId: rows[1].id.toString(), actor: "alice@example.test",
      incident: { number: incident.number, ref: `INC-${incident.number}`, severity: "P2", status: "triggered", services: [svc], url: `${ORIGIN}/incidents/${incident.number}` },
    });
    // The P1-only channel did not hear a P2.
    expect(forIncident(p1, incident.number)).toHaveLength(0);
  });

  it("severity changes and resolution notify; a P1-only channel hears only P1 declarations", async () => {
    const incident = await declareIncident(alice, { title: `Payments slow ${tag}`, severity: "P1", services: [], summary: "" });
    await changeIncidentSeverity(alice, incident.id, "P1", "P3");
    await changeIncidentStatus(alice, incident.id, "triggered", "resolved", false);
    // Closing after resolving is not a second resolution.
    await changeIncidentStatus(alice, incident.id, "resolved", "closed", false);
    await deliver();
    const rows = await rowsOf(incident.id);
    expect(rows.map((r) => `${r.channelName}:${r.event}:${r.status}`)).toEqual([
      `${slackName}:incident.declared:delivered`, `${hookName}:incident.declared:delivered`, `${p1Name}:incident.declared:delivered`,
      `${slackName}:incident.severity:delivered`, `${hookName}:incident.severity:delivered`,
      `${slackName}:incident.resolved:delivered`, `${hookName}:incident.resolved:delivered`,
    ]);
    const events = forIncident(hook, incident.number).map((m) => m.json as { event: string; change?: unknown; incident: { status: string; severity: string } });
    expect(events.map((e) => e.event)).toEqual(["incident.declared", "incident.severity", "incident.resolved"]);
    expect(events[1]).toMatchObject({ change: { severity: { from: "P1", to: "P3" } }, incident: { severity: "P3" } });
    expect(events[2]).toMatchObject({ change: { status: { from: "triggered", to: "resolved" } }, incident: { status: "resolved" } });
  });

  it("an action that needs approval notifies with the action and its incident", async () => {
    const incident = await declareIncident(alice, { title: `Needs restart ${tag}`, severity: "P3", services: [svc], summary: "" });
    await requestActionRun(alice, { service: svc, action: "restart", params: {}, idempotencyKey: randomUUID(), incidentId: incident.id, confirm: svc });
    await deliver();
    const approval = forIncident(hook, incident.number).map((m) => m.json as Record<string, unknown>).find((j) => j.event === "action.approval");
    expect(approval).toMatchObject({
      action: { service: svc, name: "restart", title: "Restart everything", danger: "destructive", requestedBy: "alice@example.test", url: `${ORIGIN}/incidents/${incident.number}` },
      incident: { number: incident.number },
    });
    const text = forIncident(slack, incident.number).map((m) => (m.json as { text: string }).text);
    expect(text).toContain(`Approval needed: Restart everything on ${svc} (INC-${incident.number}) ${ORIGIN}/incidents/${incident.number}`);
  });

  it("an alert ingested through the alert pipeline declares an incident, and its channels hear it", async () => {
    const name = `NotifyAlert${tag}`;
    const raw = amNotification(uniqueGroupKey(name), [{ alertname: name, labels: { severity: "critical", service: svc }, annotations: { summary: "Queue stuck" } }]);
    // attach off: the incident declared above is still open on this service, and the alert would join it.
    const result = await ingestGroup(fromAlertmanager(amPayloadSchema.parse(raw), ingestOptions().severity), { ...ingestOptions(), attach: "off" });
    expect(result.opened).toBe(true);
    await deliver();
    const incident = await db.incident.findUniqueOrThrow({ where: { number: result.incident! } });
    const rows = await rowsOf(incident.id);
    expect(rows.map((r) => `${r.channelName}:${r.event}:${r.status}`)).toEqual([
      `${slackName}:incident.declared:delivered`, `${hookName}:incident.declared:delivered`, `${p1Name}:incident.declared:delivered`,
    ]);
    expect(forIncident(p1, incident.number)[0].json).toMatchObject({ actor: "alertmanager (sitrep)", incident: { severity: "P1", services: [svc] } });
  });

  it("a change that rolls back tells nobody", async () => {
    const before = await db.notification.count();
    await expect(db.$transaction(async (tx) => {
      const { declareIncidentIn } = await import("@/lib/incidents/mutations");
      await declareIncidentIn(tx, alice, { title: `Never ${tag}`, severity: "P1", services: [], summary: "" });
      throw new Error("rolled back on purpose");
    })).rejects.toThrow("rolled back on purpose");
    expect(await db.notification.count()).toBe(before);
  });
});
