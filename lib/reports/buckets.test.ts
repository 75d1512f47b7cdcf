import { describe, expect, it } from "vitest";
import { BUCKETS, bucketDueAt, isItemOverdue } from "@/lib/reports/buckets";

const resolved = new Date("2026-11-30T10:00:00Z");

describe("checklist buckets", () => {
  it("are due at resolution + 1 h, 24 h and 7 days, as the seed's checklist says", () => {
    expect(bucketDueAt("immediate", resolved)?.toISOString()).toBe("2026-11-30T11:00:00.000Z");
    expect(bucketDueAt("short", resolved)?.toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect(bucketDueAt("long", resolved)?.toISOString()).toBe("2026-12-07T10:00:00.000Z");
  });
  it("follow each other without a gap", () => {
    expect(BUCKETS.immediate.endMs).toBe(BUCKETS.short.startMs);
    expect(BUCKETS.short.endMs).toBe(BUCKETS.long.startMs);
  });
  it("have no due time while the incident is unresolved", () => {
    expect(bucketDueAt("immediate", null)).toBeNull();
    expect(isItemOverdue({ bucket: "immediate", checkedAt: null }, null, new Date("2030-01-01"))).toBe(false);
  });
  it("make an unchecked item overdue only once its due time has passed", () => {
    const item = { bucket: "immediate" as const, checkedAt: null };
    expect(isItemOverdue(item, resolved, new Date("2026-11-30T10:59:59Z"))).toBe(false);
    expect(isItemOverdue(item, resolved, new Date("2026-11-30T11:00:00.001Z"))).toBe(true);
    expect(isItemOverdue({ ...item, checkedAt: new Date() }, resolved, new Date("2026-12-30T00:00:00Z"))).toBe(false);
  });
});
