// A burst of deliveries bigger than the connection pool, all at once, as Alertmanager flushes many
// groups on the same group_interval tick: every one is stored, none is refused for a busy moment.
import { randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";

const TOKEN = "alerts-burst-token-0123456789";
process.env.SITREP_ALERTMANAGER_TOKEN = TOKEN;
const { db } = await import("@/lib/db");
const { handleAlertmanagerWebhook } = await import("@/lib/alerts/webhook");
const { amNotification } = await import("@/lib/alerts/testing");
const { removeAlertGroups } = await import("@/lib/alerts/test-cleanup");

const BURST = 100;
const PREFIX = `{}/{burst="${randomUUID().slice(0, 8)}"}:`;
// A hundred open incidents would slow every page that lists them for the suites after this one.
afterAll(() => removeAlertGroups(PREFIX));

it(`${BURST} new groups delivered at once all open their incident`, async () => {
  const keys = Array.from({ length: BURST }, (_, i) => `${PREFIX}{group="${i}"}`);
  const started = Date.now();
  const answers = await Promise.all(keys.map((key, i) => handleAlertmanagerWebhook(new Request("http://sitrep.test/api/alerts/alertmanager", {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(amNotification(key, [{ alertname: "BurstAlert", labels: { instance: `i${i}` } }, { alertname: "BurstAlert", labels: { instance: `j${i}` } }])),
  })).then(async (r) => ({ status: r.status, body: await r.json() }), (e) => ({ status: 0, body: String(e) }))));
  console.log(`burst of ${BURST}: ${Date.now() - started} ms`);
  expect(answers.filter((a) => a.status !== 200)).toEqual([]);
  expect(answers.every((a) => a.body.opened === true)).toBe(true);
  expect(await db.alertGroup.count({ where: { groupKey: { in: keys }, incidentId: { not: null } } })).toBe(BURST);
}, 60_000);
