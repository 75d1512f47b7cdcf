// One outage, one incident: a new alert group joins an open incident of its own service or of a
// directly related one (dependsOn, either way), against the real database and the real pipeline.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ingestGroup, ingestOptions } from "@/lib/alerts/ingest";
import { amPayloadSchema } from "@/lib/alerts/alertmanager-schema";
import { fromAlertmanager, type IncomingGroup } from "@/lib/alerts/normalize";
import { amNotification, type AmAlertInput } from "@/lib/alerts/testing";
import { removeAlertGroups } from "@/lib/alerts/test-cleanup";
import type { AttachMode } from "@/lib/alerts/attach";
import { loadTestCatalog, withRestoredCatalog } from "@/lib/actions/testing-catalog";
import { uniqueEmail } from "@/lib/testing/db";

const tag = uniqueEmail("attach").split("@")[0];
const [nats, router, runner] = ["nats", "router", "runner"].map((s) => `${tag}-${s}`);
const KEYS = `attach-test/${tag}/`;
let n = 0;

withRestoredCatalog();
beforeAll(async () => {
  await loadTestCatalog(`services:
  - slug: ${nats}
    name: NATS
  - slug: ${router}
    name: Router
    dependsOn: [${nats}]
  - slug: ${runner}
    name: Runner
    metrics: { scrape: "http://127.0.0.1:9/metrics" }
    alertRules:
      - { name: QueueBacklog, title: backlog, metric: queue_depth, op: ">", value: 100, severity: P3, attach: false }
`, "attach-tests.yaml");
});
// Each test starts with no open incident on these services.
afterEach(async () => {
  await db.incident.updateMany({ where: { services: { hasSome: [nats, router, runner] } }, data: { status: "closed" } });
});
afterAll(async () => {
  await removeAlertGroups(KEYS);
});

function groupOf(alerts: AmAlertInput[]): IncomingGroup {
  return fromAlertmanager(amPayloadSchema.parse(amNotification(`${KEYS}${++n}`, alerts)), ingestOptions().severity);
}
const fire = (alerts: AmAlertInput[], attach: AttachMode = "dependencies") => ingestGroup(groupOf(alerts), { ...ingestOptions(), attach });
const incident = (number: number | null) => db.incident.findUniqueOrThrow({ where: { number: number! }, include: { alertGroups: true, alerts: true } });
const joinedEvents = (incidentId: string) =>
  db.timelineEvent.findMany({ where: { incidentId, kind: "alert", data: { path: ["event"], equals: "joined" } } });

describe("a new alert group joins the open incident of its outage", () => {
  it("same service: a second group (RunnerDown) joins, raises the severity and shows on the incident's alerts", async () => {
    const first = await fire([{ alertname: "JobsStuck", labels: { service: runner, severity: "warning" } }]);
    expect(first).toMatchObject({ opened: true, joined: null });
    const second = await fire([{ alertname: "RunnerDown", labels: { service: runner, severity: "critical" } }]);
    expect(second).toMatchObject({ opened: false, incident: first.incident, joined: `RunnerDown joined: ${runner}, already affected by this incident` });
    const i = await incident(first.incident);
    expect(i.severity).toBe("P1");
    expect(i.alertGroups).toHaveLength(2);
    expect(i.alerts.map((a) => a.alertname).sort()).toEqual(["JobsStuck", "RunnerDown"]);
    expect(await joinedEvents(i.id)).toHaveLength(1);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { targetId: i.id, verb: "alert.ingest" }, orderBy: { seq: "desc" } });
    expect(audit.after).toMatchObject({ joined: second.joined, opened: false });
  });

  it("dependency, NATS after the router: the NATS group joins and nats becomes an affected service", async () => {
    const routerDown = await fire([{ alertname: "RouterNatsDisconnected", labels: { service: router, severity: "critical" } }]);
    const natsDown = await fire([{ alertname: "NatsServerDown", labels: { service: nats, severity: "critical" } }]);
    expect(natsDown).toMatchObject({ opened: false, incident: routerDown.incident, joined: `NatsServerDown joined: ${nats}, which ${router} depends on` });
    const i = await incident(routerDown.incident);
    expect(i.services).toEqual([router, nats]);
    expect((await joinedEvents(i.id))[0].data).toMatchObject({ added: [nats] });
    const audit = await db.auditEntry.findFirstOrThrow({ where: { targetId: i.id, verb: "alert.ingest" }, orderBy: { seq: "desc" } });
    expect(audit.after).toMatchObject({ joined: natsDown.joined, servicesAdded: [nats] });
  });

  it("dependency, the router after NATS: the router group joins the NATS incident", async () => {
    const natsDown = await fire([{ alertname: "NatsServerDown", labels: { service: nats } }]);
    const routerDown = await fire([{ alertname: "RouterNatsDisconnected", labels: { service: router } }]);
    expect(routerDown).toMatchObject({ opened: false, incident: natsDown.incident, joined: `RouterNatsDisconnected joined: ${router}, which depends on ${nats}` });
  });

  it("a mitigated incident is reopened by the group that joins it", async () => {
    const a = { alertname: "RunnerDown", labels: { service: runner } };
    const first = await fire([a]);
    await ingestGroup({ ...groupOf([{ ...a, status: "resolved" }]), groupKey: `${KEYS}${n - 0}` });
    await db.incident.update({ where: { number: first.incident! }, data: { status: "mitigated", mitigatedAt: new Date() } });
    const second = await fire([{ alertname: "RunnerSlow", labels: { service: runner } }]);
    expect(second).toMatchObject({ opened: false, incident: first.incident });
    expect((await incident(first.incident)).status).toBe("triggered");
  });
});

describe("opting out", () => {
  it("SITREP_ALERT_ATTACH=service joins the same service only; off joins nothing", async () => {
    const routerDown = await fire([{ alertname: "RouterNatsDisconnected", labels: { service: router } }], "service");
    expect(await fire([{ alertname: "NatsServerDown", labels: { service: nats } }], "service")).toMatchObject({ opened: true });
    expect(await fire([{ alertname: "RouterSlow", labels: { service: router } }], "service")).toMatchObject({ opened: false, incident: routerDown.incident });
    expect(await fire([{ alertname: "RouterErrors", labels: { service: router } }], "off")).toMatchObject({ opened: true, joined: null });
  });

  it('an Alertmanager alert labelled sitrep_attach="false" opens its own incident', async () => {
    const first = await fire([{ alertname: "RunnerDown", labels: { service: runner } }]);
    const own = await fire([{ alertname: "RunnerDiskFull", labels: { service: runner, sitrep_attach: "false" } }]);
    expect(own).toMatchObject({ opened: true, joined: null });
    expect(own.incident).not.toBe(first.incident);
  });

  it("a catalog rule with attach: false opens its own incident", async () => {
    const first = await fire([{ alertname: "RunnerDown", labels: { service: runner } }]);
    const ruleGroup: IncomingGroup = {
      source: "rule", groupKey: `${KEYS}rule-${++n}`, receiver: "", labels: { alertname: "QueueBacklog", service: runner }, title: "backlog", description: "",
      alerts: [{ fingerprint: `${tag}rule`.replace(/[^0-9a-z]/gi, ""), alertname: "QueueBacklog", status: "firing", severity: "P3", labels: { alertname: "QueueBacklog", service: runner },
        annotations: {}, summary: "backlog", startsAt: new Date(), endsAt: null, generatorUrl: null, runbookRef: null }],
    };
    const own = await ingestGroup(ruleGroup, { ...ingestOptions(), attach: "dependencies" });
    expect(own).toMatchObject({ opened: true, joined: null });
    expect(own.incident).not.toBe(first.incident);
  });
});

describe("concurrency", () => {
  it("two new groups of one service at once end on one incident", async () => {
    const results = await Promise.all([
      fire([{ alertname: "RunnerDown", labels: { service: runner } }]),
      fire([{ alertname: "RunnerUnreachable", labels: { service: runner } }]),
    ]);
    expect(results.filter((r) => r.opened)).toHaveLength(1);
    expect(new Set(results.map((r) => r.incident)).size).toBe(1);
  });

  it("a NATS group and a router group at once end on one incident", async () => {
    const results = await Promise.all([
      fire([{ alertname: "NatsServerDown", labels: { service: nats } }]),
      fire([{ alertname: "RouterNatsDisconnected", labels: { service: router } }]),
      fire([{ alertname: "NatsSlowConsumers", labels: { service: nats } }]),
    ]);
    expect(results.filter((r) => r.opened)).toHaveLength(1);
    expect(new Set(results.map((r) => r.incident)).size).toBe(1);
    expect((await incident(results[0].incident)).services.sort()).toEqual([nats, router].sort());
  });
});
