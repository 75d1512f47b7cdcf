import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";

const TOKEN = "alerts-test-token-0123456789";
process.env.SITREP_ALERTMANAGER_TOKEN = TOKEN;

const { db } = await import("@/lib/db");
const { handleAlertmanagerWebhook } = await import("@/lib/alerts/webhook");
const { amNotification, uniqueGroupKey } = await import("@/lib/alerts/testing");
const { forgetRunbookIndex } = await import("@/lib/alerts/lookups");

const post = (body: unknown, headers: Record<string, string> = {}) =>
  handleAlertmanagerWebhook(new Request("http://sitrep.test/api/alerts/alertmanager", {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  }));

const uniqueName = () => `SitrepTest${randomUUID().slice(0, 8).replace(/-/g, "")}`;

async function incidentOf(groupKey: string) {
  const g = await db.alertGroup.findUniqueOrThrow({ where: { source_groupKey: { source: "alertmanager", groupKey } }, include: { incident: true, alerts: true } });
  return g;
}

let runbookSlug = "";
const alertWithRunbook = uniqueName();

beforeAll(async () => {
  runbookSlug = `alert-rb-${randomUUID().slice(0, 8)}`;
  await db.runbook.create({ data: { slug: runbookSlug, title: "Runner down", source: "test", sourceKey: runbookSlug, alerts: [alertWithRunbook], lastEditedBy: "test" } });
  forgetRunbookIndex();
});

describe("Alertmanager webhook → incidents", () => {
  it("a new firing group opens one incident with its runbook linked, at the mapped severity", async () => {
    const key = uniqueGroupKey();
    const res = await post(amNotification(key, [{ alertname: alertWithRunbook, labels: { severity: "critical", instance: "a" }, annotations: { summary: "Runner is down" } }]));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, opened: true, fired: 1 });
    const g = await incidentOf(key);
    expect(g.incident).toMatchObject({ number: body.incident, severity: "P1", status: "triggered", title: `${alertWithRunbook}: Runner is down`, startedAt: new Date("2026-12-02T01:00:00.000Z") });
    expect(g.alerts[0]).toMatchObject({ status: "firing", runbookId: expect.any(String) });
    const event = await db.timelineEvent.findFirstOrThrow({ where: { incidentId: g.incidentId!, kind: "alert" } });
    expect(event.data).toMatchObject({ event: "fired", alertname: alertWithRunbook, runbook: runbookSlug });
    expect(await db.auditEntry.count({ where: { targetId: g.incidentId!, verb: "incident.declare" } })).toBe(1);
  });

  it("duplicate deliveries change nothing; later alerts of the group attach and may raise the severity", async () => {
    const key = uniqueGroupKey();
    const first = amNotification(key, [{ alertname: uniqueName(), labels: { severity: "warning", instance: "a" } }]);
    await post(first);
    const auditBefore = await db.auditEntry.count();
    const again = await post(first);
    expect(await again.json()).toMatchObject({ opened: false, fired: 0, unchanged: 1 });
    expect(await db.auditEntry.count()).toBe(auditBefore);

    const name = first.alerts[0].labels.alertname;
    const second = amNotification(key, [{ alertname: name, labels: { severity: "warning", instance: "a" } }, { alertname: name, labels: { severity: "critical", instance: "b" } }]);
    const res = await (await post(second)).json();
    expect(res).toMatchObject({ opened: false, fired: 1, unchanged: 1 });
    const g = await incidentOf(key);
    expect(g.alerts).toHaveLength(2);
    expect(g.incident).toMatchObject({ severity: "P1" });
    expect(await db.incident.count({ where: { alertGroups: { some: { id: g.id } } } })).toBe(1);
  });

  it("resolved alerts add timeline events; all resolved marks the incident mitigated; a new firing reopens it", async () => {
    const key = uniqueGroupKey();
    const name = uniqueName();
    const a = { alertname: name, labels: { instance: "a" } }, b = { alertname: name, labels: { instance: "b" } };
    await post(amNotification(key, [a, b]));
    await post(amNotification(key, [{ ...a, status: "resolved" }, b]));
    let g = await incidentOf(key);
    expect(g.incident?.status).toBe("triggered");
    await post(amNotification(key, [{ ...a, status: "resolved" }, { ...b, status: "resolved" }]));
    g = await incidentOf(key);
    expect(g.incident).toMatchObject({ status: "mitigated", mitigatedAt: expect.any(Date) });
    expect(g.status).toBe("resolved");
    const events = await db.timelineEvent.findMany({ where: { incidentId: g.incidentId!, kind: "alert" }, orderBy: { id: "asc" } });
    expect(events.map((e) => (e.data as { event: string }).event)).toEqual(["fired", "fired", "resolved", "resolved"]);

    await post(amNotification(key, [{ ...a, startsAt: new Date().toISOString() }]));
    g = await incidentOf(key);
    expect(g.incident?.status).toBe("triggered"); // nobody had acknowledged it
  });

  it("a group whose incident was resolved opens a new incident when it fires again", async () => {
    const key = uniqueGroupKey();
    const a = { alertname: uniqueName() };
    await post(amNotification(key, [a]));
    const firstIncident = (await incidentOf(key)).incidentId!;
    await db.incident.update({ where: { id: firstIncident }, data: { status: "resolved", resolvedAt: new Date() } });
    await post(amNotification(key, [{ ...a, status: "resolved" }]));
    await post(amNotification(key, [{ ...a, startsAt: new Date(Date.now() + 1000).toISOString() }]));
    const g = await incidentOf(key);
    expect(g.incidentId).not.toBe(firstIncident);
    expect(g.incident?.status).toBe("triggered");
  });

  it("concurrent duplicate deliveries open exactly one incident", async () => {
    const key = uniqueGroupKey();
    const n = amNotification(key, [{ alertname: uniqueName() }]);
    const results = await Promise.all(Array.from({ length: 5 }, () => post(n).then((r) => r.json())));
    expect(results.filter((r) => r.opened)).toHaveLength(1);
    expect(await db.alert.count({ where: { group: { groupKey: key } } })).toBe(1);
  });

  it("an outside runbook_url is kept as the alert's runbook link", async () => {
    const key = uniqueGroupKey();
    await post(amNotification(key, [{ alertname: uniqueName(), annotations: { runbook_url: "https://wiki.example/runbooks/disk" } }]));
    expect((await incidentOf(key)).alerts[0]).toMatchObject({ runbookId: null, runbookUrl: "https://wiki.example/runbooks/disk" });
  });
});

describe("Alertmanager webhook refuses bad input with a 4xx and writes nothing", () => {
  it.each([
    ["a wrong token", () => post(amNotification(uniqueGroupKey(), [{ alertname: "X" }]), { authorization: "Bearer nope" }), 401],
    ["no token", () => post(amNotification(uniqueGroupKey(), [{ alertname: "X" }]), { authorization: "" }), 401],
    ["not JSON", () => post("{not json"), 400],
    ["another content type", () => post("a=b", { "content-type": "application/x-www-form-urlencoded" }), 415],
    ["a wrong shape", () => post({ version: "4", alerts: "many" }), 422],
    ["an unknown field", () => post({ ...amNotification(uniqueGroupKey(), [{ alertname: "X" }]), extra: 1 }), 422],
    ["an old payload version", () => post({ ...amNotification(uniqueGroupKey(), [{ alertname: "X" }]), version: "3" }), 422],
    ["a NUL in a label", () => post(amNotification(uniqueGroupKey(), [{ alertname: "X", labels: { a: "x\u0000y" } }])), 422],
    ["over 1 MB", () => post(amNotification(uniqueGroupKey(), [{ alertname: "X", annotations: { big: "x".repeat(1_100_000) } }])), 413],
  ])("%s", async (_name, send, status) => {
    const before = await db.auditEntry.count();
    const groups = await db.alertGroup.count();
    const res = await send();
    expect(res.status).toBe(status);
    expect((await res.json()).error).toMatch(/\w{4,}/);
    expect(await db.auditEntry.count()).toBe(before);
    expect(await db.alertGroup.count()).toBe(groups);
  });
});

describe("silences", () => {
  it("a silenced alert firing again opens no incident; lifting the silence lets the next firing through", async () => {
    const { silenceAlert, unsilenceAlert } = await import("@/lib/alerts/silences");
    const actor = { id: null, label: "silence-test" };
    const key = uniqueGroupKey();
    const a = { alertname: uniqueName() };
    await post(amNotification(key, [a]));
    let g = await incidentOf(key);
    const s = await silenceAlert(actor, { alertId: g.alerts[0].id, minutes: 60, reason: "noisy during the migration" });
    const silenceEvent = await db.timelineEvent.findFirstOrThrow({ where: { incidentId: g.incidentId!, kind: "alert", data: { path: ["event"], equals: "silenced" } } });
    expect(silenceEvent.data).toMatchObject({ reason: "noisy during the migration" });
    await expect(silenceAlert(actor, { alertId: g.alerts[0].id, minutes: 60, reason: "again" })).rejects.toThrow(/already silenced by silence-test/);

    await db.incident.update({ where: { id: g.incidentId! }, data: { status: "resolved", resolvedAt: new Date() } });
    await post(amNotification(key, [{ ...a, status: "resolved" }]));
    const second = new Date(Date.now() + 1_000).toISOString();
    const res = await (await post(amNotification(key, [{ ...a, startsAt: second }]))).json();
    expect(res).toMatchObject({ opened: false, silenced: 1, incident: null });
    g = await incidentOf(key);
    expect(g.alerts[0].status).toBe("firing");
    expect(g.incident?.status).toBe("resolved");

    expect(await unsilenceAlert(actor, s.silenceId)).toMatchObject({ changed: true });
    await post(amNotification(key, [{ ...a, startsAt: second, status: "resolved", endsAt: new Date(Date.now() + 2_000).toISOString() }]));
    const next = await (await post(amNotification(key, [{ ...a, startsAt: new Date(Date.now() + 5_000).toISOString() }]))).json();
    expect(next).toMatchObject({ opened: true, fired: 1 });
  });
});

describe("review fixes", () => {
  it("a newer firing of an alert held firing (its resolve was lost) reaches an incident", async () => {
    const key = uniqueGroupKey();
    const a = { alertname: uniqueName() };
    await post(amNotification(key, [a]));
    const first = (await incidentOf(key)).incidentId!;
    await db.incident.update({ where: { id: first }, data: { status: "resolved", resolvedAt: new Date() } });
    const res = await (await post(amNotification(key, [{ ...a, startsAt: new Date().toISOString() }]))).json();
    expect(res).toMatchObject({ opened: true, fired: 1 });
    expect((await incidentOf(key)).incidentId).not.toBe(first);
  });

  it("an alert still firing when its silence is lifted joins an incident at once", async () => {
    const { silenceAlert, unsilenceAlert } = await import("@/lib/alerts/silences");
    const { surfaceUnsilenced } = await import("@/lib/alerts/surface");
    const actor = { id: null, label: "surface-test" };
    const key = uniqueGroupKey();
    const a = { alertname: uniqueName() };
    // Silenced before it ever fired: it is stored on no incident.
    await post(amNotification(key, [{ ...a, status: "resolved", endsAt: "2026-12-02T00:59:00Z", startsAt: "2026-12-02T00:50:00Z" }]));
    const row = (await incidentOf(key)).alerts[0];
    const s = await silenceAlert(actor, { alertId: row.id, minutes: 30, reason: "maintenance window" });
    expect(await (await post(amNotification(key, [a]))).json()).toMatchObject({ opened: false, silenced: 1 });
    expect(await (await post(amNotification(key, [a]))).json()).toMatchObject({ unchanged: 1 });
    await unsilenceAlert(actor, s.silenceId);
    await surfaceUnsilenced();
    const g = await incidentOf(key);
    expect(g.incident).toMatchObject({ status: "triggered" });
    expect(g.alerts[0].incidentId).toBe(g.incidentId);
  });

  it("alerts resolving mark the incident mitigated without stamping an acknowledgement; firing again reopens it to triggered", async () => {
    const key = uniqueGroupKey();
    const a = { alertname: uniqueName() };
    await post(amNotification(key, [a]));
    await post(amNotification(key, [{ ...a, status: "resolved" }]));
    let g = await incidentOf(key);
    expect(g.incident).toMatchObject({ status: "mitigated", acknowledgedAt: null, investigatingAt: null, mitigatedAt: expect.any(Date) });
    await post(amNotification(key, [{ ...a, startsAt: new Date().toISOString() }]));
    g = await incidentOf(key);
    expect(g.incident).toMatchObject({ status: "triggered", mitigatedAt: null, acknowledgedAt: null });
  });

  it("a storm of alerts is one timeline event; all resolved at once in one statement", async () => {
    const key = uniqueGroupKey();
    const name = uniqueName();
    const storm = Array.from({ length: 40 }, (_, i) => ({ alertname: name, labels: { instance: `i${i}` } }));
    await post(amNotification(key, storm));
    const g = await incidentOf(key);
    const fired = await db.timelineEvent.findMany({ where: { incidentId: g.incidentId!, kind: "alert" } });
    expect(fired).toHaveLength(1);
    expect(fired[0].data).toMatchObject({ event: "fired", count: 40, alertnames: [name] });
    await post(amNotification(key, storm.map((x) => ({ ...x, status: "resolved" as const }))));
    expect(await db.alert.count({ where: { groupId: g.id, status: "resolved", endsAt: { not: null } } })).toBe(40);
    expect((await incidentOf(key)).incident?.status).toBe("mitigated");
  });
});
