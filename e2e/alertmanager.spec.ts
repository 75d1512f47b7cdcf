// Alerts in, incidents out, end to end with the real thing: a demo fleet of this spec's own, a
// real Prometheus scraping it with an alerting rule, a real Alertmanager (Debian's
// prometheus-alertmanager) whose webhook receiver posts to this Sitrep with the bearer token.
// A fault injected into the fleet fires the rule; the incident appears in the UI, P1 from the
// severity label, with the runbook that lists the alert; clearing the fault resolves the alert,
// which reaches the timeline and marks the incident mitigated.
//
// Its own fleet, not the suite's: a fault in the shared fleet would show on other specs' pages.
import fs from "node:fs";
import { test, expect, signIn, uniqueTag } from "./fixtures";
import { callAction, loadServerActions } from "./support/http";
import { expectOk } from "./support/recovery-http";
import { columnsHolding } from "./support/secret-scan";
import { startFleet } from "../demo/fleet.mjs";
import { prometheusAvailable, startPrometheus } from "../scripts/testing/prometheus.mjs";
import { alertmanagerAvailable, startAlertmanager } from "../scripts/testing/alertmanager.mjs";

const TOKEN = process.env.SITREP_ALERTMANAGER_TOKEN!;
const FLEET_TOKEN = `am-spec-fleet-${uniqueTag()}`;
// The incident page's "Alerts" card (data-testid="incident-alerts"), each alert with its runbook link.
const ALERTS_CARD = true;

const tag = uniqueTag().replace(/-/g, "");
const ALERT = `YagnaBreakerOpen${tag}`; // unique per run, and an alert name the runbook parser knows
const JOB = `am-spec-${tag}`; // no catalog service of that name: the incident touches no shared service

const RULES = JSON.stringify({
  groups: [{
    name: "sitrep-e2e", interval: "1s",
    rules: [{
      alert: ALERT, expr: `circuit_breaker_state{job="${JOB}", service="yagna"} == 1`, for: "0s",
      labels: { severity: "critical" },
      annotations: { summary: "Yagna circuit breaker open", description: "Jobs that need Golem fail fast with circuit_open." },
    }],
  }],
});

const RUNBOOK = `# Yagna circuit breaker open ${tag}

**Alert**: \`${ALERT}\`
**Severity**: Critical

### Recovery
1. Check the breaker: \`curl -s "$RUNNER/health" | jq .services.yagna\`
2. Reset it: \`curl -X POST "$RUNNER/api/v1/admin/circuit-breakers/reset"\`
`;

type Stack = { fleet: Awaited<ReturnType<typeof startFleet>>; am: Awaited<ReturnType<typeof startAlertmanager>>; prom: Awaited<ReturnType<typeof startPrometheus>> };
let stack: Partial<Stack> = {};

const missing = [!prometheusAvailable() && "prometheus", !alertmanagerAvailable() && "prometheus-alertmanager"].filter(Boolean);
test.skip(missing.length > 0, `needs Debian's ${missing.join(" and ")} (.ci/run installs them)`);

test.beforeAll(async ({}, info) => {
  expect(TOKEN, "SITREP_ALERTMANAGER_TOKEN (set by playwright.config.ts)").toBeTruthy();
  const app = info.project.use.baseURL!;
  stack.fleet = await startFleet({ port: 0, token: FLEET_TOKEN, tickMs: 200, log: () => {} });
  stack.am = await startAlertmanager({ webhookUrl: `${app}/api/alerts/alertmanager`, token: TOKEN });
  stack.prom = await startPrometheus({
    jobs: [{ name: JOB, targets: [new URL(stack.fleet.url).host], metricsPath: "/beacon-runner/metrics", scrapeInterval: "1s", scrapeTimeout: "1s" }],
    // Prometheus' default resend delay (1m) keeps a firing alert's endsAt minutes ahead: a slow
    // machine never sees Alertmanager time it out into a false "resolved".
    evaluationInterval: "1s", rules: RULES, alertmanagers: [stack.am.hostPort],
  });
});

test.afterAll(async () => {
  await stack.prom?.stop();
  await stack.am?.stop();
  await stack.fleet?.close();
  stack = {};
});

const fault = (method: "POST" | "DELETE") =>
  fetch(`${stack.fleet!.url}/beacon-runner/faults/circuit-open`, { method, headers: { authorization: `Bearer ${FLEET_TOKEN}` } });

test("a Prometheus rule fires through Alertmanager into an incident with its runbook; resolving it mitigates the incident", async ({ page, db, createUser, apiAs, baseURL }) => {
  test.setTimeout(120_000);
  const admin = await createUser("admin");
  const action = loadServerActions().find((a) => a.key === "lib/runbooks/actions.ts#importRunbooksAction")!;
  const imported = expectOk<{ first: string }>(await callAction(await apiAs(admin), action, [{ name: `am-spec-${tag}.md`, text: RUNBOOK }], { path: action.pages[0], origin: baseURL! }));
  const slug = String(imported.first);
  const runbook = await db.query(`SELECT id, alerts FROM "Runbook" WHERE slug = $1`, [slug]);
  expect(runbook.rows[0].alerts, "the runbook lists the alert").toContain(ALERT);

  await stack.prom!.waitForTargets(20_000);
  expect((await fault("POST")).status).toBe(200);

  // Prometheus evaluates every second and Alertmanager waits one: the notification is seconds away.
  const group = async () => (await db.query(
    `SELECT g.id, g."groupKey", g.receiver, g.status, i.number, i.status AS "incidentStatus", i.severity, i.title
       FROM "AlertGroup" g LEFT JOIN "Incident" i ON i.id = g."incidentId" WHERE g.source = 'alertmanager' AND g."groupKey" LIKE $1`, [`%alertname="${ALERT}"%`])).rows[0];
  await expect.poll(async () => (await group())?.number ?? null, { timeout: 45_000, message: `no incident from Alertmanager yet; its log: ${stack.am!.log()}` }).not.toBeNull();
  const g = await group();
  expect(g).toMatchObject({ receiver: "sitrep", status: "firing", incidentStatus: "triggered", severity: "P1", title: `${ALERT}: Yagna circuit breaker open` });
  const alerts = await db.query(`SELECT alertname, status, "runbookId", labels FROM "Alert" WHERE "groupId" = $1`, [g.id]);
  expect(alerts.rows).toHaveLength(1);
  expect(alerts.rows[0]).toMatchObject({ alertname: ALERT, status: "firing", runbookId: runbook.rows[0].id, labels: { job: JOB, service: "yagna", severity: "critical" } });

  // The incident in the UI: on the list, and on its page with the runbook linked.
  await signIn(page, admin);
  await page.goto(`/incidents?q=${encodeURIComponent(ALERT)}`);
  const row = page.getByTestId(`incident-row-${g.number}`);
  await expect(row).toContainText(`${ALERT}: Yagna circuit breaker open`);
  await expect(row.getByTestId("severity-badge")).toHaveText("P1");
  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(`/incidents/${g.number}`);
  await expect(page.getByTestId("incident-header").getByTestId("status-badge")).toHaveText("Triggered");
  await expect(page.getByTestId("suggested-runbooks").locator(`a[href="/runbooks/${slug}"]`)).toBeVisible();
  const alertEvents = page.getByTestId("timeline").locator('[data-testid="timeline-event"][data-kind="alert"]');
  await expect(alertEvents).toHaveCount(1);
  if (ALERTS_CARD) {
    const card = page.getByTestId("incident-alerts");
    await expect(card).toContainText(ALERT);
    await expect(card.locator(`a[href="/runbooks/${slug}"]`)).toBeVisible();
  }

  // The fault cleared: Prometheus resolves the alert, Alertmanager sends the resolved notification.
  expect((await fault("DELETE")).status).toBe(200);
  await expect.poll(async () => (await group())?.incidentStatus, { timeout: 45_000, message: `not mitigated yet; Alertmanager's log: ${stack.am!.log()}` }).toBe("mitigated");
  expect(await group()).toMatchObject({ status: "resolved", number: g.number });
  const events = await db.query(
    `SELECT kind, data->>'event' AS event, "actorLabel" FROM "TimelineEvent" e JOIN "Incident" i ON i.id = e."incidentId" WHERE i.number = $1 AND kind IN ('alert', 'status') ORDER BY e.id`, [g.number]);
  expect(events.rows.map((e) => `${e.kind}:${e.event ?? ""}`)).toEqual(["alert:fired", "alert:resolved", "status:"]);
  expect(events.rows.every((e) => e.actorLabel === "alertmanager (sitrep)")).toBe(true);
  await page.reload();
  await expect(page.getByTestId("incident-header").getByTestId("status-badge")).toHaveText("Mitigated");
  await expect(alertEvents).toHaveCount(2);

  // Alertmanager's credential stays a credential: in no column of any table, not in the server log.
  expect(await columnsHolding(db, TOKEN), "columns holding the Alertmanager token").toEqual([]);
  expect(fs.readFileSync(process.env.SITREP_SERVER_LOG!, "utf8"), "the server log").not.toContain(TOKEN);
});
