// A deadlock seen in the end-to-end suite: a transaction holding an incident's row lock (a
// runbook step, an action result) waits for the audit head, while the poller, holding the audit
// head, inserts a health event on that incident's timeline, whose foreign key needs a share lock
// on the same row. Incident row locks must not block foreign-key checks (FOR NO KEY UPDATE).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/audit/mutations";
import { declareIncident } from "@/lib/incidents/mutations";
import { addTimelineEvent } from "@/lib/timeline/mutations";
import { oneSessionDatabase } from "@/lib/testing/db";
import { touchIncident } from "./lock";

const actor = { id: null, label: "lock-test" };

describe("incident row locks", () => {
  it("an edit holding the incident and a poller holding the audit head both commit", async (ctx) => {
    // Two transactions interleaving: on the embedded database they run one after the other.
    if (await oneSessionDatabase()) return ctx.skip();
    const incident = await declareIncident(actor, { title: "Lock order", severity: "P3", services: [], summary: "" });
    let locked!: () => void;
    const incidentLocked = new Promise<void>((r) => (locked = r));
    let audited!: () => void;
    const headLocked = new Promise<void>((r) => (audited = r));

    const edit = db.$transaction(async (tx) => {
      await touchIncident(tx, incident.id);
      locked();
      await headLocked; // the poller now holds the audit head
      await appendAudit(tx, { actor, verb: "test.edit", target: { type: "incident", id: incident.id } });
    }, { timeout: 20_000 });
    const poller = (async () => {
      await incidentLocked;
      await db.$transaction(async (tx) => {
        await appendAudit(tx, { actor: SYSTEM_ACTOR, verb: "test.poller", target: { type: "service", id: "lock-test" } });
        audited();
        await addTimelineEvent(tx, { incidentId: incident.id, kind: "health", actor: SYSTEM_ACTOR, data: { service: "lock-test" } });
      }, { timeout: 20_000 });
    })();
    const outcomes = await Promise.allSettled([edit, poller]);
    expect(outcomes.map((o) => (o.status === "rejected" ? String(o.reason).slice(0, 120) : "ok"))).toEqual(["ok", "ok"]);
  });
});
