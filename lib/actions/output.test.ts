import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCapture } from "./output";

describe("output capture", () => {
  it("keeps only the cap, while counting and hashing everything", () => {
    const capture = createCapture(1500);
    const chunk = Buffer.alloc(1024, "x");
    const all = createHash("sha256");
    for (let i = 0; i < 10; i++) {
      capture.push(chunk);
      all.update(chunk);
    }
    expect(Buffer.byteLength(capture.text())).toBe(1500);
    expect(capture.finish([])).toMatchObject({ outputBytes: 10_240, truncated: true, digest: all.digest("hex") });
  });
  it("masks a secret in what it keeps", () => {
    const capture = createCapture(100);
    capture.push(Buffer.from("token=s3cr3t-token ok"));
    expect(capture.finish(["s3cr3t-token"]).output).toBe("token=•••• ok");
  });
  it("ignores output pushed after finish (a grandchild writing past the timeout)", () => {
    const capture = createCapture(100);
    capture.push(Buffer.from("before"));
    const done = capture.finish([]);
    expect(() => capture.push(Buffer.from("late"))).not.toThrow();
    expect(done).toMatchObject({ output: "before", outputBytes: 6 });
  });
});
