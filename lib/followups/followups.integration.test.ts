import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ValidationError } from "@/lib/errors";
import { changeIncidentStatus, declareIncident } from "@/lib/incidents/mutations";
import { ensureDefaultTemplates } from "@/lib/reports/ensure-defaults";
import { createUser } from "@/lib/users/mutations";
import { uniqueEmail } from "@/lib/testing/db";
import { createActionItem, setActionItemStatus, updateActionItem } from "@/lib/followups/action-items";
import { addChecklist, setChecklistItem } from "@/lib/followups/checklists";
import { listFollowups } from "@/lib/followups/list-queries";
import { getOverdueSummary } from "@/lib/followups/overdue";
import { getIncidentFollowups } from "@/lib/followups/queries";

const actor = { id: null, label: "followup-test" };
const declare = () => declareIncident(actor, { title: `Follow-ups ${uniqueEmail("f")}`, severity: "P2", services: [], summary: "" });
const responder = (name = "Owner") => createUser(actor, { email: uniqueEmail("fu"), name, role: "responder", password: "a-long-enough-password" });
const DAY = 86_400_000;

beforeAll(async () => {
  await ensureDefaultTemplates();
});

async function resolvedIncident(resolvedAgoMs = 0) {
  const i = await declare();
  await changeIncidentStatus(actor, i.id, "triggered", "resolved", false);
  if (resolvedAgoMs) await db.incident.update({ where: { id: i.id }, data: { resolvedAt: new Date(Date.now() - resolvedAgoMs) } });
  return i;
}

describe("checklists", () => {
  it("resolving adds the default checklist once; resolving again after a reopen adds nothing", async () => {
    const i = await resolvedIncident();
    const post = await db.checklistTemplate.findUniqueOrThrow({ where: { slug: "post-incident" } });
    const count = () => db.checklist.count({ where: { incidentId: i.id } });
    const first = await count();
    expect(await db.checklist.count({ where: { incidentId: i.id, templateId: post.id } })).toBe(1);
    expect(await db.checklistItem.count({ where: { incidentId: i.id, checklist: { templateId: post.id } } })).toBe(12);
    expect(await db.auditEntry.count({ where: { targetId: i.id, verb: "checklist.add" } })).toBe(first);
    await changeIncidentStatus(actor, i.id, "resolved", "investigating", true);
    await changeIncidentStatus(actor, i.id, "investigating", "resolved", false);
    expect(await count()).toBe(first);
  });

  it("adds another template on request, and says so when it is already there", async () => {
    const i = await declare();
    const worker = await db.checklistTemplate.findUniqueOrThrow({ where: { slug: "worker-post-incident" } });
    await addChecklist(actor, i.id, worker.id);
    await expect(addChecklist(actor, i.id, worker.id)).rejects.toThrow(/already on INC-\d+ \(added by followup-test/);
    const view = await getIncidentFollowups(i.id);
    expect(view.checklists.map((c) => c.name)).toEqual([worker.name]);
    expect(view.templates.map((t) => t.id)).not.toContain(worker.id);
  });

  it("check records who and when, uncheck clears them, and concurrent checks give one result", async () => {
    const i = await resolvedIncident();
    const item = await db.checklistItem.findFirstOrThrow({ where: { incidentId: i.id }, orderBy: { position: "asc" } });
    const results = await Promise.all([
      setChecklistItem({ id: null, label: "alice@x" }, item.id, true),
      setChecklistItem({ id: null, label: "bob@x" }, item.id, true),
    ]);
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    const checked = await db.checklistItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(checked.checkedAt).toBeInstanceOf(Date);
    expect(["alice@x", "bob@x"]).toContain(checked.checkedByLabel);
    expect(results.every((r) => r.checkedByLabel === checked.checkedByLabel)).toBe(true);
    expect(await db.auditEntry.count({ where: { targetId: i.id, verb: "checklist.check" } })).toBe(1);
    await setChecklistItem(actor, item.id, false);
    expect(await db.checklistItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ checkedAt: null, checkedByLabel: null, checkedById: null });
    expect((await setChecklistItem(actor, item.id, false)).changed).toBe(false);
    const events = await db.timelineEvent.findMany({ where: { incidentId: i.id, kind: "followup" }, select: { data: true } });
    expect(events.map((e) => (e.data as { event: string }).event)).toEqual(expect.arrayContaining(["checklist.add", "checklist.check", "checklist.uncheck"]));
  });
});

describe("action items", () => {
  it("refuses viewers as owners and a stale edit, naming who changed it", async () => {
    const i = await declare();
    const owner = await responder();
    const viewer = await createUser(actor, { email: uniqueEmail("v"), name: "Val", role: "viewer", password: "a-long-enough-password" });
    const base = { title: "Add an alert on lease expiry", dueAt: null, status: "open" as const, trackerUrl: "https://tracker.example/T-1" };
    await expect(createActionItem(actor, i.id, { ...base, ownerId: viewer.id })).rejects.toBeInstanceOf(ValidationError);
    const { id } = await createActionItem(actor, i.id, { ...base, ownerId: owner.id });
    await updateActionItem({ id: null, label: "alice@x" }, id, 0, { ...base, ownerId: owner.id, title: "Alert on lease expiry" });
    const stale = setActionItemStatus({ id: null, label: "bob@x" }, id, 0, "done");
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toThrow(/alice@x changed it at \d\d:\d\d UTC/);
    await setActionItemStatus(actor, id, 1, "done");
    expect(await db.actionItem.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "done", version: 2, title: "Alert on lease expiry" });
    expect(await db.auditEntry.count({ where: { targetId: i.id, verb: { startsWith: "action_item." } } })).toBe(3);
  });
});

describe("follow-ups across incidents", () => {
  it("filters by owner and overdue, in SQL, overdue first", async () => {
    const old = await resolvedIncident(2 * DAY); // immediate and short-term items overdue, long-term not yet
    const fresh = await resolvedIncident(); // nothing overdue
    const owner = await responder("Olive");
    const late = await createActionItem(actor, fresh.id, { title: "Late fix", ownerId: owner.id, dueAt: new Date(Date.now() - DAY), status: "open", trackerUrl: null });
    const later = await createActionItem(actor, fresh.id, { title: "Later fix", ownerId: owner.id, dueAt: new Date(Date.now() + DAY), status: "in_progress", trackerUrl: null });

    const mine = await listFollowups({ owner: "mine", overdue: false }, owner.id);
    expect(mine.map((r) => r.id)).toEqual([late.id, later.id]);
    expect(mine.map((r) => r.overdue)).toEqual([true, false]);
    expect((await listFollowups({ owner: owner.id, overdue: true }, "someone-else")).map((r) => r.id)).toEqual([late.id]);

    const oldOverdue = await listFollowups({ overdue: true, incident: old.number, kind: "checklist" }, owner.id);
    const expected = await db.checklistItem.count({ where: { incidentId: old.id, bucket: { in: ["immediate", "short"] } } });
    expect(oldOverdue).toHaveLength(expected);
    expect(oldOverdue.every((r) => r.overdue && r.bucket !== "long")).toBe(true);
    expect(expected).toBeGreaterThanOrEqual(8); // the default checklist's immediate and short-term items
    expect(await listFollowups({ overdue: true, incident: fresh.number, kind: "checklist" }, owner.id)).toEqual([]);

    const summary = await getOverdueSummary(1000);
    expect(summary.groups.find((g) => g.incidentId === old.id)?.count).toBe(expected);
    expect(summary.groups.find((g) => g.incidentId === fresh.id)).toMatchObject({ count: 1, oldestTitle: "Late fix" });
  });
});
