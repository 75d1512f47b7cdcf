import { describe, expect, it } from "vitest";
import { stepTitle } from "@/lib/runbooks/step-title";

describe("a step's name on the timeline", () => {
  it("takes the bold lead of a list item", () => {
    expect(stepTitle({ markdown: "1.  **Restart NATS**: `./nats_start.sh`", text: "Restart NATS: `./nats_start.sh`" })).toBe("Restart NATS");
    expect(stepTitle({ markdown: "- [ ] **Acknowledge Alert**: respond", text: "Acknowledge Alert: respond" })).toBe("Acknowledge Alert");
  });
  it("otherwise takes the first sentence, without code marks, shortened", () => {
    expect(stepTitle({ markdown: "1. Check `flyctl status`. Then wait.", text: "Check `flyctl status`. Then wait." })).toBe("Check flyctl status");
    expect(stepTitle({ markdown: "x", text: "a".repeat(100) })).toHaveLength(78);
    expect(stepTitle({ markdown: "", text: "" })).toBe("step");
  });
});
