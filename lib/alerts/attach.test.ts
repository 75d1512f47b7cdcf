import { describe, expect, it } from "vitest";
import { chooseTarget, neighbourhood, optsOut, touchedServices, type AttachCatalog, type Candidate } from "@/lib/alerts/attach";

const catalog = (mode: AttachCatalog["mode"] = "dependencies"): AttachCatalog => ({
  mode,
  services: new Set(["beamline-router", "nats", "beacon-runner", "aitbc-coordinator", "aitbc-postgres", "aitbc-redis"]),
  dependsOn: new Map([["beamline-router", ["nats"]], ["aitbc-coordinator", ["aitbc-postgres", "aitbc-redis"]], ["nats", []]]),
  ruleOptOut: new Set(["beacon-runner/QueueBacklog"]),
});
const inc = (number: number, services: string[], severity: Candidate["severity"] = "P2", startedAt = "2026-12-01T00:00:00Z"): Candidate =>
  ({ id: `i${number}`, number, severity, services, startedAt: new Date(startedAt) });

describe("attach: which open incident a new alert group joins", () => {
  it("joins an incident of the same service", () => {
    const t = chooseTarget(["RunnerDown"], ["beacon-runner"], [inc(1, ["beacon-runner"])], catalog("service"));
    expect(t).toMatchObject({ incident: { number: 1 }, sameService: true, why: "RunnerDown joined: beacon-runner, already affected by this incident" });
  });

  it("joins across a dependency, in both directions, and says which way", () => {
    expect(chooseTarget(["NatsServerDown"], ["nats"], [inc(1, ["beamline-router"])], catalog())?.why)
      .toBe("NatsServerDown joined: nats, which beamline-router depends on");
    expect(chooseTarget(["RouterNatsDisconnected"], ["beamline-router"], [inc(2, ["nats"])], catalog())?.why)
      .toBe("RouterNatsDisconnected joined: beamline-router, which depends on nats");
    expect(chooseTarget(["PgDown"], ["aitbc-postgres"], [inc(3, ["aitbc-redis"])], catalog())).toBeNull(); // siblings are not related
  });

  it("service mode ignores dependencies; off joins nothing", () => {
    expect(chooseTarget(["NatsServerDown"], ["nats"], [inc(1, ["beamline-router"])], catalog("service"))).toBeNull();
    expect(chooseTarget(["RunnerDown"], ["beacon-runner"], [inc(1, ["beacon-runner"])], catalog("off"))).toBeNull();
  });

  it("chooses deterministically: same service, then most severe, then oldest", () => {
    const c = catalog();
    const dep = inc(1, ["beamline-router"], "P1", "2026-11-01T00:00:00Z");
    const sameP3 = inc(2, ["nats"], "P3");
    const sameP2new = inc(3, ["nats"], "P2", "2026-12-02T00:00:00Z");
    const sameP2old = inc(4, ["nats"], "P2", "2026-12-01T00:00:00Z");
    expect(chooseTarget(["X"], ["nats"], [dep, sameP3, sameP2new, sameP2old], c)?.incident.number).toBe(4);
    expect(chooseTarget(["X"], ["nats"], [sameP2old, sameP2new, sameP3, dep].reverse(), c)?.incident.number).toBe(4);
    expect(chooseTarget(["X"], ["nats"], [inc(5, ["beamline-router"], "P3"), dep], c)?.incident.number).toBe(1);
  });

  it("locks the group's services and their direct neighbours, sorted", () => {
    expect(neighbourhood(["nats"], catalog())).toEqual(["beamline-router", "nats"]);
    expect(neighbourhood(["aitbc-postgres"], catalog())).toEqual(["aitbc-coordinator", "aitbc-postgres"]);
    expect(neighbourhood(["nats"], catalog("service"))).toEqual(["nats"]);
    expect(neighbourhood(["nats"], catalog("off"))).toEqual([]);
  });

  it("reads the opt-outs: a label on an Alertmanager alert, attach: false on a catalog rule", () => {
    const c = catalog();
    expect(optsOut([{ alertname: "A", labels: { sitrep_attach: "false" } }], "alertmanager", c.ruleOptOut)).toBe(true);
    expect(optsOut([{ alertname: "A", labels: { sitrep_attach: "true" } }], "alertmanager", c.ruleOptOut)).toBe(false);
    expect(optsOut([{ alertname: "QueueBacklog", labels: { service: "beacon-runner" } }], "rule", c.ruleOptOut)).toBe(true);
    expect(optsOut([{ alertname: "QueueBacklog", labels: { service: "beacon-runner" } }], "alertmanager", c.ruleOptOut)).toBe(false);
    expect(touchedServices([{ labels: { job: "nats" } }, { labels: { service: "unknown", app: "nats" } }], c.services)).toEqual(["nats"]);
  });
});
