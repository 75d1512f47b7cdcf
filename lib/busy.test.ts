import { describe, expect, it } from "vitest";
import { BusyError, withBusyRetry } from "@/lib/busy";

const startFailure = () => Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" });

describe("withBusyRetry", () => {
  it("retries a transaction that could not start once, and returns its result", async () => {
    let calls = 0;
    const result = await withBusyRetry(async () => {
      if (++calls === 1) throw startFailure();
      return "saved";
    });
    expect(result).toBe("saved");
    expect(calls).toBe(2);
  });

  it("turns a second start failure into BusyError", async () => {
    let calls = 0;
    const error = await withBusyRetry(async () => {
      calls++;
      throw startFailure();
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BusyError);
    expect(calls).toBe(2);
  });

  it("never retries other errors (a transaction that started may not be safe to repeat)", async () => {
    let calls = 0;
    const timedOut = Object.assign(new Error("Transaction already closed: the timeout for this transaction was 5000 ms"), { code: "P2028" });
    await expect(
      withBusyRetry(async () => {
        calls++;
        throw timedOut;
      }),
    ).rejects.toBe(timedOut);
    expect(calls).toBe(1);
  });
});
