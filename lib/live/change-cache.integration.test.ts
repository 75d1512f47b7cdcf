import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appendAudit } from "@/lib/audit/mutations";
import { createChangeCache } from "@/lib/live/change-cache";

const change = () => db.$transaction((tx) => appendAudit(tx, { actor: { id: null, label: "cache-test" }, verb: "test.change", target: { type: "test" } }));

describe("createChangeCache", () => {
  it("computes once per version of the data, sharing concurrent misses, and again after any change", async () => {
    const cached = createChangeCache<number>();
    let calls = 0;
    const compute = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return calls;
    };
    const first = await Promise.all(Array.from({ length: 10 }, () => cached("k", compute)));
    expect(first).toEqual(Array(10).fill(1));
    expect(await cached("k", compute)).toBe(1);
    expect(await cached("other", compute)).toBe(2);
    await change();
    expect(await cached("k", compute)).toBe(3);
    expect(calls).toBe(3);
  });

  it("does not keep a failed computation", async () => {
    const cached = createChangeCache<string>();
    await expect(cached("k", () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    expect(await cached("k", async () => "ok")).toBe("ok");
  });
});
