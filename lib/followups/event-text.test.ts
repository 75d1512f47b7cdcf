import { describe, expect, it } from "vitest";
import { followupEventText } from "@/lib/followups/event-text";

describe("follow-up timeline lines", () => {
  it("reads like a sentence", () => {
    expect(followupEventText({ event: "checklist.check", text: "Status page updated" }, "alice")).toBe("alice checked “Status page updated”");
    expect(followupEventText({ event: "checklist.add", name: "Post-incident checklist", items: 12, automatic: true }, "bob")).toBe("“Post-incident checklist” (12 items) added on resolution");
    expect(followupEventText({ event: "action_item.status", title: "Fix alert", status: "wont_do" }, "bob")).toBe("bob marked “Fix alert” won't do");
  });

  it("names what an edit changed", () => {
    const d = { event: "action_item.update", title: "Fix alert", owner: "Olive", dueAt: null, status: "open", trackerUrl: null, from: { title: "Fix alert", owner: null, dueAt: null, status: "open", trackerUrl: null } };
    expect(followupEventText(d, "carol")).toBe("carol edited the action item “Fix alert”: owner nobody → Olive");
  });
});
