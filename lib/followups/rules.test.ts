import { describe, expect, it } from "vitest";
import { formatDueDistance, isActionItemOverdue, parseDueAt } from "@/lib/followups/rules";

const now = new Date("2026-03-10T12:00:00Z");

describe("action item overdue", () => {
  it("is overdue only while open or in progress and past its due date", () => {
    const past = new Date("2026-03-10T11:59:00Z");
    expect(isActionItemOverdue({ status: "open", dueAt: past }, now)).toBe(true);
    expect(isActionItemOverdue({ status: "in_progress", dueAt: past }, now)).toBe(true);
    expect(isActionItemOverdue({ status: "done", dueAt: past }, now)).toBe(false);
    expect(isActionItemOverdue({ status: "wont_do", dueAt: past }, now)).toBe(false);
    expect(isActionItemOverdue({ status: "open", dueAt: null }, now)).toBe(false);
    expect(isActionItemOverdue({ status: "open", dueAt: now }, now)).toBe(false);
  });
});

describe("due dates typed by a person", () => {
  it("reads a bare day as its end, in UTC, and a datetime-local as UTC", () => {
    expect(parseDueAt("2026-03-09")?.toISOString()).toBe("2026-03-09T23:59:59.999Z");
    expect(parseDueAt("2026-03-09T08:30")?.toISOString()).toBe("2026-03-09T08:30:00.000Z");
    expect(parseDueAt("soon")).toBeNull();
  });

  it("says how far off a due time is", () => {
    const t = now.getTime();
    expect(formatDueDistance(t - 3 * 3_600_000, t)).toBe("3 h overdue");
    expect(formatDueDistance(t + 40 * 60_000, t)).toBe("due in 40 min");
    expect(formatDueDistance(t - 3 * 86_400_000, t)).toBe("3 d overdue");
  });
});

describe("follow-up filters from the URL", () => {
  it("takes an incident as 42 or INC-42 and drops what it cannot read", async () => {
    const { followupFilterSchema } = await import("@/lib/followups/schemas");
    expect(followupFilterSchema.parse({ incident: "INC-42" }).incident).toBe(42);
    expect(followupFilterSchema.parse({ incident: "42", overdue: "1" })).toMatchObject({ incident: 42, overdue: true });
    expect(followupFilterSchema.parse({ incident: "nope", kind: "bogus", status: "x" })).toEqual({ overdue: false, incident: undefined, kind: undefined, status: undefined, owner: undefined });
  });
});
