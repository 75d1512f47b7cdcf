import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { declareIncident } from "@/lib/incidents/mutations";
import { listTimelinePage, listTimelineSince } from "@/lib/timeline/queries";
import { cursorSchema } from "@/lib/timeline/wire";
import { uniqueEmail } from "@/lib/testing/db";

const actor = { id: null, label: "timeline-test" };

/** An incident with `n` notes; every three share one occurredAt, so pages must break ties by id. */
async function incidentWithNotes(n: number) {
  const { id } = await declareIncident(actor, { title: `Paging ${uniqueEmail("t")}`, severity: "P3", services: [], summary: "" });
  const base = Date.now() - 3_600_000;
  await db.timelineEvent.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      incidentId: id, kind: "note", actorLabel: "t", body: `note ${i}`, occurredAt: new Date(base + Math.floor(i / 3) * 1000),
    })),
  });
  return id;
}

describe("timeline pages", () => {
  it("walks a timeline newest first, page by page, without a gap or a repeat", async () => {
    const id = await incidentWithNotes(23);
    const seen: string[] = [];
    let page = await listTimelinePage(id, "notes", undefined, 5);
    seen.push(...page.events.map((e) => e.body!));
    while (page.older) {
      page = await listTimelinePage(id, "notes", cursorSchema.parse(page.older), 5);
      seen.push(...page.events.map((e) => e.body!));
    }
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    // Newest first: within one second, the later insert (higher id) first.
    expect(seen.slice(0, 3)).toEqual(["note 22", "note 21", "note 20"]);
    expect(seen.at(-1)).toBe("note 0");
  });

  it("filters server-side and says when there is nothing older", async () => {
    const id = await incidentWithNotes(4);
    const all = await listTimelinePage(id, "all");
    expect(all.events.map((e) => e.kind)).toEqual(["declared", "note", "note", "note", "note"]) // declared now, the notes an hour ago;
    expect(all.older).toBeNull();
    expect((await listTimelinePage(id, "pinned")).events).toEqual([]);
  });

  it("reads only what was written since a moment (plus the commit slack), not the whole timeline", async () => {
    const id = await incidentWithNotes(3);
    await db.timelineEvent.updateMany({ where: { incidentId: id }, data: { createdAt: new Date(Date.now() - 3_600_000) } });
    const newest = await db.timelineEvent.create({ data: { incidentId: id, kind: "note", actorLabel: "t", body: "fresh", occurredAt: new Date() } });
    const since = await listTimelineSince(id, "all", new Date(newest.createdAt.getTime() - 1));
    expect(since.map((e) => e.body)).toEqual(["fresh"]);
  });

  it("refuses a cursor that is not one", () => {
    expect(cursorSchema.safeParse("yesterday").success).toBe(false);
    expect(cursorSchema.safeParse("2026-12-07T22:31:09.000Z_42").success).toBe(true);
  });
});
