import { describe, expect, it } from "vitest";
import { linkEventText, mergeEventText } from "@/lib/incidents/event-text";

describe("merge and link event text", () => {
  it("says which incident went where, and how many alerts moved", () => {
    expect(mergeEventText({ event: "absorbed", other: 7, alerts: 3, added: [] })).toBe("INC-7 merged into this incident (3 alerts moved)");
    expect(mergeEventText({ event: "absorbed", other: 7, alerts: 1, added: ["nats"] })).toBe("INC-7 merged into this incident (1 alert moved; added nats to the affected services)");
    expect(mergeEventText({ event: "merged", other: 3, alerts: 0 })).toBe("Merged into INC-3 (0 alerts moved)");
    expect(mergeEventText({ event: "unmerged", other: 3, alerts: 2 })).toBe("Reopened: no longer merged into INC-3 (2 alerts came back)");
    expect(linkEventText({ event: "linked", other: 5, title: "NATS down" })).toBe("Linked to INC-5 (NATS down)");
    expect(linkEventText({ event: "unlinked", other: 5 })).toBe("No longer linked to INC-5");
  });
});
