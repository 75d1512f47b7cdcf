import { describe, expect, it, vi } from "vitest";
import { isTransient, retryTransient } from "./retry";

describe("retryTransient", () => {
  it("retries a pool timeout or a deadlock, then returns the result", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const errors = [Object.assign(new Error("Unable to start a transaction in the given time."), { code: "P2028" }), new Error("Code: `40P01`. Message: `deadlock detected`")];
    const fn = vi.fn(async () => { const e = errors.shift(); if (e) throw e; return "done"; });
    await expect(retryTransient("t", fn)).resolves.toBe("done");
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it("does not retry other errors, and gives up after the last attempt", async () => {
    const bad = vi.fn(async () => { throw new Error("That incident does not exist."); });
    await expect(retryTransient("t", bad)).rejects.toThrow("does not exist");
    expect(bad).toHaveBeenCalledTimes(1);
    const busy = vi.fn(async () => { throw Object.assign(new Error("busy"), { code: "P2028" }); });
    await expect(retryTransient("t", busy, 2)).rejects.toThrow("busy");
    expect(busy).toHaveBeenCalledTimes(2);
  });

  it.each([
    "Connection terminated unexpectedly",
    "terminating connection due to administrator command",
    "Server has closed the connection.",
    "read ECONNRESET",
    "Can't reach database server at 127.0.0.1:5432",
  ])("a lost connection (%j) is retried", (message) => {
    expect(isTransient(new Error(message))).toBe(true);
  });

  it("a value PostgreSQL refuses is not: retrying would fail the same way", () => {
    expect(isTransient(new Error('invalid byte sequence for encoding "UTF8": 0x00'))).toBe(false);
  });
});
