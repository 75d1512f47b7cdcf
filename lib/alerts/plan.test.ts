import { describe, expect, it } from "vitest";
import { planChanges, type Known } from "@/lib/alerts/plan";
import type { IncomingAlert } from "@/lib/alerts/normalize";

const T0 = new Date("2026-12-02T01:00:00Z");
const later = (min: number) => new Date(T0.getTime() + min * 60_000);

function alert(fp: string, status: "firing" | "resolved", startsAt = T0, endsAt: Date | null = null): IncomingAlert {
  return { fingerprint: fp, alertname: "RunnerDown", status, severity: "P2", labels: {}, annotations: {}, summary: "", startsAt, endsAt, generatorUrl: null, runbookRef: null };
}
const known = (...list: Known[]) => new Map(list.map((k) => [k.fingerprint, k]));
const kinds = (incoming: IncomingAlert[], k = known()) => planChanges(incoming, k).map((c) => c.kind);

describe("planChanges", () => {
  it("a first firing fires, a first resolve is kept without opening anything", () => {
    expect(kinds([alert("a", "firing"), alert("b", "resolved", T0, later(1))])).toEqual(["fired", "resolved-unseen"]);
  });

  it("a repeated or retried firing changes nothing", () => {
    expect(kinds([alert("a", "firing")], known({ fingerprint: "a", status: "firing", startsAt: T0, endsAt: null }))).toEqual(["same"]);
  });

  it("resolves a firing alert once; a second resolve is a duplicate", () => {
    const firing = known({ fingerprint: "a", status: "firing", startsAt: T0, endsAt: null });
    expect(kinds([alert("a", "resolved", T0, later(5))], firing)).toEqual(["resolved"]);
    const resolved = known({ fingerprint: "a", status: "resolved", startsAt: T0, endsAt: later(5) });
    expect(kinds([alert("a", "resolved", T0, later(5))], resolved)).toEqual(["same"]);
  });

  it("a new firing after a resolve re-fires; a late retry of the old firing does not", () => {
    const resolved = known({ fingerprint: "a", status: "resolved", startsAt: T0, endsAt: later(5) });
    expect(kinds([alert("a", "firing", later(10))], resolved)).toEqual(["refired"]);
    expect(kinds([alert("a", "firing", T0)], resolved)).toEqual(["same"]);
  });

  it("a later start of an alert held firing is a new firing (the resolve was lost)", () => {
    const firing = known({ fingerprint: "a", status: "firing", startsAt: T0, endsAt: null });
    expect(kinds([alert("a", "firing", later(30))], firing)).toEqual(["refired"]);
  });

  it("an alert firing on no incident (it fired while silenced) surfaces; one on an incident is the same", () => {
    expect(kinds([alert("a", "firing")], known({ fingerprint: "a", status: "firing", startsAt: T0, endsAt: null, incidentId: null }))).toEqual(["surfaced"]);
    expect(kinds([alert("a", "firing")], known({ fingerprint: "a", status: "firing", startsAt: T0, endsAt: null, incidentId: "i1" }))).toEqual(["same"]);
  });

  it("ignores a resolve of an earlier firing than the one held", () => {
    const firing = known({ fingerprint: "a", status: "firing", startsAt: later(10), endsAt: null });
    expect(kinds([alert("a", "resolved", T0, later(5))], firing)).toEqual(["same"]);
  });

  it("a fingerprint listed twice counts once, the last one", () => {
    expect(kinds([alert("a", "firing"), alert("a", "resolved", T0, later(1))])).toEqual(["resolved-unseen"]);
  });
});
