import { describe, expect, it } from "vitest";
import { findUnstorableText, NUL_MESSAGE, SURROGATE_MESSAGE, unstorableFieldErrors } from "@/lib/unstorable-text";

describe("findUnstorableText", () => {
  it("passes ordinary text, emoji (a whole surrogate pair), numbers and nulls", () => {
    expect(findUnstorableText({ title: "DB down 🔥", n: 3, none: null, tags: ["a", "é"], nested: { ok: true } })).toEqual([]);
  });

  it("names the field that holds a NUL", () => {
    expect(findUnstorableText({ incidentId: "x", body: "note\u0000here" })).toEqual([{ path: ["body"], message: NUL_MESSAGE }]);
  });

  it("finds a lone surrogate, high or low", () => {
    expect(findUnstorableText({ a: "x\ud800", b: "\udfffy" })).toEqual([
      { path: ["a"], message: SURROGATE_MESSAGE },
      { path: ["b"], message: SURROGATE_MESSAGE },
    ]);
  });

  it("walks nested objects and arrays with zod-style paths", () => {
    const found = findUnstorableText({ change: { to: ["ok", "bad\u0000"] }, params: [{ value: "\u0000" }] });
    expect(found.map((f) => f.path)).toEqual([["change", "to", 1], ["params", 0, "value"]]);
  });

  it("checks object keys", () => {
    expect(findUnstorableText({ labels: { "a\u0000b": "v" } })).toEqual([{ path: ["labels", "a\u0000b"], message: NUL_MESSAGE }]);
  });

  it("walks FormData entries and uploaded file names", () => {
    const form = new FormData();
    form.set("title", "ok");
    form.set("summary", "a\u0000b");
    form.set("upload", new File(["x"], "bad\u0000.txt"));
    expect(findUnstorableText(form)).toEqual([
      { path: ["summary"], message: NUL_MESSAGE },
      { path: ["upload"], message: NUL_MESSAGE },
    ]);
  });

  it("checks a bare string (the root)", () => {
    expect(findUnstorableText("\u0000")).toEqual([{ path: [], message: NUL_MESSAGE }]);
  });

  it("ends on a cycle or very deep input", () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(findUnstorableText(a)).toEqual([]);
    let deep: unknown = "\u0000";
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(() => findUnstorableText(deep)).not.toThrow();
  });
});

describe("unstorableFieldErrors", () => {
  it("joins paths as the action client does, root as form, one message per field", () => {
    const errors = unstorableFieldErrors([
      { path: ["change", "to", 1], message: NUL_MESSAGE },
      { path: ["change", "to", 1], message: NUL_MESSAGE },
      { path: [], message: SURROGATE_MESSAGE },
    ]);
    expect(errors).toEqual({ "change.to.1": [NUL_MESSAGE], form: [SURROGATE_MESSAGE] });
  });

  it("keeps a field name storable when the key itself is the problem", () => {
    const errors = unstorableFieldErrors([{ path: ["labels", "a\u0000b\ud800"], message: NUL_MESSAGE }]);
    expect(Object.keys(errors)).toEqual(["labels.a\ufffdb\ufffd"]);
  });
});
