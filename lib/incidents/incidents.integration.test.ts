import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  addTimelineNote, assignIncidentRole, changeIncidentSeverity, changeIncidentStatus, declareIncident,
  pinTimelineEvent, updateIncidentDetails,
} from "@/lib/incidents/mutations";
import { getTimeline, listIncidents } from "@/lib/incidents/queries";
import { incidentFilterSchema } from "@/lib/incidents/schemas";
import { ConflictError, ValidationError } from "@/lib/errors";
import { createUser } from "@/lib/users/mutations";
import { uniqueEmail } from "@/lib/testing/db";

const actor = { id: null, label: "incident-test" };
const declare = (title = `Outage ${uniqueEmail("t")}`, services: string[] = []) =>
  declareIncident(actor, { title, severity: "P2", services, summary: "" });

describe("incidents", () => {
  it("declares with a human number, a timeline event and an audit entry", async () => {
    const a = await declare();
    const b = await declare();
    expect(b.number).toBeGreaterThan(a.number);
    const timeline = await getTimeline(a.id);
    expect(timeline.map((e) => e.kind)).toEqual(["declared"]);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { targetId: a.id } });
    expect(audit).toMatchObject({ verb: "incident.declare", after: expect.objectContaining({ ref: `INC-${a.number}` }) });
  });

  it("walks the lifecycle, stamping each step and skipped ones, with timeline and audit", async () => {
    const { id } = await declare();
    await changeIncidentStatus(actor, id, "triggered", "acknowledged", false);
    await changeIncidentStatus(actor, id, "acknowledged", "mitigated", false);
    await changeIncidentStatus(actor, id, "mitigated", "resolved", false);
    const i = await db.incident.findUniqueOrThrow({ where: { id } });
    expect(i.status).toBe("resolved");
    for (const f of ["acknowledgedAt", "investigatingAt", "identifiedAt", "mitigatedAt", "resolvedAt"] as const) expect(i[f]).toBeInstanceOf(Date);
    expect(i.acknowledgedAt!.getTime()).toBeLessThanOrEqual(i.mitigatedAt!.getTime());
    const statusEvents = (await getTimeline(id)).filter((e) => e.kind === "status");
    expect(statusEvents).toHaveLength(3);
    expect(await db.auditEntry.count({ where: { targetId: id, verb: "incident.status" } })).toBe(3);
  });

  it("refuses going back without a reopen, and reopens clearing later stamps", async () => {
    const { id } = await declare();
    await changeIncidentStatus(actor, id, "triggered", "resolved", false);
    await expect(changeIncidentStatus(actor, id, "resolved", "investigating", false)).rejects.toBeInstanceOf(ValidationError);
    await changeIncidentStatus(actor, id, "resolved", "investigating", true);
    const i = await db.incident.findUniqueOrThrow({ where: { id } });
    expect(i).toMatchObject({ status: "investigating", resolvedAt: null, mitigatedAt: null });
    expect(i.acknowledgedAt).toBeInstanceOf(Date);
    expect(await db.auditEntry.count({ where: { targetId: id, verb: "incident.reopen" } })).toBe(1);
  });

  it("gives the second of two concurrent edits a conflict naming the current value, never an overwrite", async () => {
    const { id } = await declare();
    const results = await Promise.allSettled([
      changeIncidentSeverity({ id: null, label: "alice@x" }, id, "P2", "P1"),
      changeIncidentSeverity({ id: null, label: "bob@x" }, id, "P2", "P3"),
    ]);
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    const error = (rejected[0] as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(ConflictError);
    const now = (await db.incident.findUniqueOrThrow({ where: { id } })).severity;
    expect(error.message).toContain(`It is now: ${now}`);
    expect(error.message).toMatch(/(alice|bob)@x changed it at \d\d:\d\d UTC/);
  });

  it("per-field: editing the title does not conflict with a concurrent summary edit", async () => {
    const { id, title } = await declare();
    await updateIncidentDetails(actor, id, { field: "summary", from: "", to: "DB failover" });
    await updateIncidentDetails(actor, id, { field: "title", from: title, to: `${title} (api)` });
    await expect(updateIncidentDetails(actor, id, { field: "summary", from: "", to: "stale" })).rejects.toThrow(/It is now: DB failover/);
  });

  it("assigns roles to responders only, with conflicts on stale views", async () => {
    const { id } = await declare();
    const responder = await createUser(actor, { email: uniqueEmail("ic"), name: "Riley IC", role: "responder", password: "a-long-enough-password" });
    const viewer = await createUser(actor, { email: uniqueEmail("v"), name: "Val", role: "viewer", password: "a-long-enough-password" });
    await expect(assignIncidentRole(actor, id, "commander", null, viewer.id)).rejects.toThrow(/Viewers cannot hold/);
    await assignIncidentRole(actor, id, "commander", null, responder.id);
    await expect(assignIncidentRole(actor, id, "commander", null, null)).rejects.toThrow(/It is now: Riley IC/);
    const role = (await getTimeline(id)).find((e) => e.kind === "role");
    expect(role?.data).toMatchObject({ role: "commander", name: "Riley IC", from: { name: "nobody" } });
  });

  it("keeps backfilled notes in happened-at order and pins events", async () => {
    const { id } = await declare();
    const earlier = new Date(Date.now() - 30 * 60_000);
    await addTimelineNote(actor, id, "now note");
    const back = await addTimelineNote(actor, id, "14:02 issue detected", earlier);
    const notes = await getTimeline(id, "notes");
    expect(notes.map((n) => n.body)).toEqual(["now note", "14:02 issue detected"]);
    await pinTimelineEvent(actor, back.id, true);
    expect((await getTimeline(id, "pinned")).map((n) => n.body)).toEqual(["14:02 issue detected"]);
  });

  it("lists with filters, search by INC number and service, and pagination", async () => {
    const svc = `svc-${uniqueEmail("s").slice(2, 10)}`;
    const a = await declare("Checkout latency", [svc]);
    await declare("Other", [svc]);
    const list = (q: Record<string, string>) => listIncidents(incidentFilterSchema.parse(q));
    expect((await list({ service: svc })).total).toBe(2);
    expect((await list({ q: `INC-${a.number}`, status: "all" })).items.map((i) => i.id)).toContain(a.id);
    await changeIncidentStatus(actor, a.id, "triggered", "resolved", false);
    expect((await list({ service: svc })).total).toBe(1);
    expect((await list({ service: svc, status: "all", severity: "P2" })).total).toBe(2);
    expect((await list({ service: svc, status: "resolved" })).items.map((i) => i.id)).toEqual([a.id]);
  });
});
