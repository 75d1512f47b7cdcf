import { describe, expect, it } from "vitest";
import { createActionItemSchema } from "@/lib/followups/schemas";

const item = (trackerUrl: string) => createActionItemSchema.safeParse({ incidentId: "inc", title: "Alert on lease age", ownerId: "", dueAt: "", trackerUrl });

describe("action item tracker links", () => {
  it("accepts a plain http(s) address", () => {
    expect(item("https://tracker.example/SRE-12").success).toBe(true);
  });
  it("refuses other schemes, and addresses smuggling line breaks or spaces into the report", () => {
    expect(item("javascript:alert(1)").success).toBe(false);
    const smuggled = item("https://x.example/a\n<!-- sitrep:section evil -->\n## Hacked");
    expect(smuggled.success).toBe(false);
    expect(smuggled.error?.issues.find((i) => i.path[0] === "trackerUrl")?.message).toMatch(/no spaces or line breaks/);
    expect(item("https://x.example/a b").success).toBe(false);
  });
});
