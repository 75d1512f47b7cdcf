// Merging a duplicate incident into the survivor, un-merging by Reopen, and linking: real database.
import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { ingestGroup, ingestOptions } from "@/lib/alerts/ingest";
import { amPayloadSchema } from "@/lib/alerts/alertmanager-schema";
import { fromAlertmanager } from "@/lib/alerts/normalize";
import { amNotification, type AmAlertInput } from "@/lib/alerts/testing";
import { removeAlertGroups } from "@/lib/alerts/test-cleanup";
import { mergeIncident } from "@/lib/incidents/merge";
import { linkIncidents, unlinkIncidents } from "@/lib/incidents/links";
import { changeIncidentStatus, declareIncident } from "@/lib/incidents/mutations";
import { getIncidentRelations, listIncidents, listIncidentTimes, listOpenIncidents } from "@/lib/incidents/queries";
import { incidentFilterSchema } from "@/lib/incidents/schemas";

const actor = { id: null, label: "merge-test" };
const KEYS = `merge-test/${randomUUID().slice(0, 8)}/`;
let n = 0;
afterAll(async () => {
  await removeAlertGroups(KEYS);
});

/** An incident opened by an alert group of `alerts` (no catalog service: it opens its own). */
async function alerted(alerts: AmAlertInput[], key = `${KEYS}${++n}`) {
  const g = fromAlertmanager(amPayloadSchema.parse(amNotification(key, alerts)), ingestOptions().severity);
  const r = await ingestGroup(g, { ...ingestOptions(), attach: "off" });
  return { ...(await db.incident.findUniqueOrThrow({ where: { number: r.incident! } })), key };
}
const fresh = (id: string) => db.incident.findUniqueOrThrow({ where: { id } });
const mergeEvents = (incidentId: string) => db.timelineEvent.findMany({ where: { incidentId, kind: "merge" }, orderBy: { id: "asc" } });

describe("merging incidents", () => {
  it("closes the duplicate as merged, moves its alerts, adds its services, and leaves it out of MTTx and the open lists", async () => {
    const survivor = await alerted([{ alertname: "RouterNatsDisconnected" }]);
    const dup = await alerted([{ alertname: "NatsServerDown", labels: { i: "1" } }, { alertname: "NatsServerDown", labels: { i: "2" } }, { alertname: "NatsSlow" }]);
    await db.incident.update({ where: { id: dup.id }, data: { services: ["nats"], acknowledgedAt: new Date() } });
    const d = await fresh(dup.id);
    const r = await mergeIncident(actor, { incidentId: dup.id, version: d.version, into: survivor.number });
    expect(r).toMatchObject({ alerts: 3, groups: 1, into: survivor.number });

    const after = await fresh(dup.id);
    expect(after).toMatchObject({ status: "closed", mergedIntoId: survivor.id, closedAt: expect.any(Date), mitigatedAt: null, resolvedAt: null });
    expect(after.acknowledgedAt).toEqual(d.acknowledgedAt); // a real acknowledgement stays; nothing is invented
    expect(await db.alert.count({ where: { incidentId: survivor.id } })).toBe(4);
    expect(await db.alertGroup.findUnique({ where: { source_groupKey: { source: "alertmanager", groupKey: dup.key } } })).toMatchObject({ incidentId: survivor.id });
    expect((await fresh(survivor.id)).services).toContain("nats");
    expect((await mergeEvents(survivor.id))[0].data).toMatchObject({ event: "absorbed", other: dup.number, alerts: 3 });
    expect((await mergeEvents(dup.id))[0].data).toMatchObject({ event: "merged", other: survivor.number });
    expect(await db.timelineEvent.count({ where: { incidentId: dup.id, kind: "alert" } })).toBeGreaterThan(0); // its timeline stays
    expect(await db.auditEntry.count({ where: { targetId: { in: [dup.id, survivor.id] }, verb: { startsWith: "incident.merge" } } })).toBe(2);

    const ids = (rows: { id: string }[]) => rows.map((x) => x.id);
    expect(ids(await listOpenIncidents())).not.toContain(dup.id);
    expect(ids((await listIncidents(incidentFilterSchema.parse({ status: "open" }))).items)).not.toContain(dup.id);
    const times = await listIncidentTimes(new Date(Date.now() - 365 * 86_400_000), new Date());
    expect(times).toHaveLength(await db.incident.count({ where: { startedAt: { gte: new Date(Date.now() - 365 * 86_400_000) }, mergedIntoId: null } }));

    // The moved group's next firing goes to the survivor.
    await ingestGroup(fromAlertmanager(amPayloadSchema.parse(amNotification(dup.key, [{ alertname: "NatsAgain" }])), ingestOptions().severity));
    expect(await db.alert.findFirst({ where: { alertname: "NatsAgain", group: { groupKey: dup.key } }, select: { incidentId: true } })).toEqual({ incidentId: survivor.id });
  });

  it("Reopen on the duplicate un-merges it: the alerts still on the survivor come back, both timelines say so", async () => {
    const survivor = await alerted([{ alertname: "A" }]);
    const dup = await alerted([{ alertname: "B" }, { alertname: "C" }]);
    await mergeIncident(actor, { incidentId: dup.id, version: dup.version, into: survivor.number });
    // One of the moved alerts was later moved on by hand: it stays where it is.
    const moved = await db.alert.findFirstOrThrow({ where: { incidentId: survivor.id, alertname: "C" } });
    const elsewhere = await alerted([{ alertname: "D" }]);
    await db.alert.update({ where: { id: moved.id }, data: { incidentId: elsewhere.id } });

    await changeIncidentStatus(actor, dup.id, "closed", "investigating", true);
    const after = await fresh(dup.id);
    expect(after).toMatchObject({ status: "investigating", mergedIntoId: null, closedAt: null, mergedAlertIds: [] });
    expect((await db.alert.findMany({ where: { incidentId: dup.id }, select: { alertname: true } })).map((a) => a.alertname)).toEqual(["B"]);
    expect(await db.alertGroup.findUnique({ where: { source_groupKey: { source: "alertmanager", groupKey: dup.key } } })).toMatchObject({ incidentId: dup.id });
    expect((await mergeEvents(dup.id)).at(-1)?.data).toMatchObject({ event: "unmerged", other: survivor.number, alerts: 1 });
    expect((await mergeEvents(survivor.id)).at(-1)?.data).toMatchObject({ event: "split", other: dup.number, alerts: 1 });
    expect(await db.auditEntry.count({ where: { targetId: dup.id, verb: "incident.unmerge" } })).toBe(1);
  });

  it("refuses: into itself, a stale version, twice, a chain, a closed target, an unknown number", async () => {
    const a = await alerted([{ alertname: "A" }]);
    const b = await alerted([{ alertname: "B" }]);
    const c = await alerted([{ alertname: "C" }]);
    await expect(mergeIncident(actor, { incidentId: a.id, version: a.version, into: a.number })).rejects.toThrow(/cannot be merged into itself/);
    await expect(mergeIncident(actor, { incidentId: a.id, version: a.version + 5, into: b.number })).rejects.toMatchObject({ code: "CONFLICT" });
    await mergeIncident(actor, { incidentId: b.id, version: b.version, into: a.number });
    const b2 = await fresh(b.id);
    await expect(mergeIncident(actor, { incidentId: b.id, version: b2.version, into: c.number })).rejects.toThrow(`INC-${b.number} is already merged into INC-${a.number}`);
    await expect(mergeIncident(actor, { incidentId: c.id, version: c.version, into: b.number })).rejects.toThrow(`INC-${b.number} was merged into INC-${a.number}: merge into that one instead`);
    await db.incident.update({ where: { id: a.id }, data: { status: "resolved", resolvedAt: new Date() } });
    await expect(mergeIncident(actor, { incidentId: c.id, version: c.version, into: a.number })).rejects.toThrow(/is resolved: merge into an open incident/);
    await expect(mergeIncident(actor, { incidentId: c.id, version: c.version, into: 999_999_999 })).rejects.toThrow("There is no INC-999999999");
    expect(await fresh(c.id)).toMatchObject({ status: "triggered", mergedIntoId: null });
  });
});

describe("linking incidents", () => {
  it("both incidents show the link; it can be removed; twice or to itself is refused", async () => {
    const a = await declareIncident(actor, { title: "Router down", severity: "P1", services: [], summary: "" });
    const b = await declareIncident(actor, { title: "NATS down", severity: "P1", services: [], summary: "" });
    await linkIncidents(actor, { incidentId: a.id, other: b.number });
    expect((await getIncidentRelations(a.id)).linked.map((l) => l.number)).toEqual([b.number]);
    expect((await getIncidentRelations(b.id)).linked.map((l) => l.number)).toEqual([a.number]);
    await expect(linkIncidents(actor, { incidentId: b.id, other: a.number })).rejects.toThrow(/already linked/);
    await expect(linkIncidents(actor, { incidentId: a.id, other: a.number })).rejects.toThrow(/cannot be linked to itself/);
    expect(await db.timelineEvent.count({ where: { incidentId: { in: [a.id, b.id] }, kind: "link" } })).toBe(2);

    await unlinkIncidents(actor, { incidentId: b.id, other: a.number });
    expect((await getIncidentRelations(a.id)).linked).toEqual([]);
    await expect(unlinkIncidents(actor, { incidentId: b.id, other: a.number })).rejects.toThrow(/no longer linked/);
    expect(await db.auditEntry.count({ where: { targetId: { in: [a.id, b.id] }, verb: { in: ["incident.link", "incident.unlink"] } } })).toBe(4);
  });
});
