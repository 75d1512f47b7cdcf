#!/usr/bin/env node
// README screenshots from a running demo (npm start): node scripts/screenshots.mjs [base URL]
// Signs in as the demo admin, breaks NATS in the demo fleet (with SITREP_FLEET_URL and
// SITREP_FLEET_TOKEN set), declares an incident on the Beamline router, starts its NATS runbook,
// marks a step, runs the bound NATS restart, resolves the incident and starts its report, posts
// two Alertmanager notifications (with SITREP_ALERTMANAGER_TOKEN set), and captures the pages in
// light and dark.
import path from "node:path";
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://localhost:3000";
const out = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../docs/screenshots");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
const shot = async (name, theme) => {
  await page.evaluate((t) => { localStorage.setItem("sitrep-theme", t); window.__sitrepApplyTheme?.(); }, theme);
  await page.waitForTimeout(600);
  await page.screenshot({ path: path.join(out, `${name}-${theme}.png`) });
  console.log(`docs/screenshots/${name}-${theme}.png`);
};

await page.goto(`${base}/login`);
await page.getByLabel("Email").fill("admin@sitrep.local");
await page.getByLabel("Password").fill("sitrep-admin-demo");
await page.getByRole("button", { name: /sign in/i }).click();
await page.waitForURL((u) => !u.pathname.startsWith("/login"));

const fleet = process.env.SITREP_FLEET_URL;
if (fleet) {
  await fetch(`${fleet}/nats/faults/nats-down`, { method: "POST", headers: { authorization: `Bearer ${process.env.SITREP_FLEET_TOKEN}` } });
  await page.waitForTimeout(20_000); // a poll interval, so the services page shows it
}
await page.goto(`${base}/runbooks`);
await shot("runbooks", "light");
await page.goto(`${base}/services`);
await page.waitForTimeout(2000);
await shot("services", "dark");
await page.goto(`${base}/services/beacon-runner`);
await page.waitForTimeout(2500);
await shot("service", "light");
// The war room with NATS down: the service-health strip on top (NATS down, the router impacted).
await page.goto(`${base}/`);
await page.getByTestId("service-strip").waitFor();
await page.waitForTimeout(1500);
await shot("war-room", "light");
await shot("war-room", "dark");

await page.keyboard.press("d");
const dialog = page.getByRole("dialog", { name: "Declare an incident" });
await dialog.getByLabel("Title").fill("Router cannot reach NATS: decisions failing");
await dialog.getByText("Critical").click();
await dialog.getByLabel("Affected services (optional)").fill("beamline-router, nats");
await dialog.getByRole("button", { name: "Declare incident" }).click();
await page.waitForURL(/\/incidents\/\d+$/);
await page.getByTestId("suggested-runbooks").locator("li", { hasText: "NATS Recovery" }).getByRole("button", { name: /^Start runbook/ }).click();
await page.waitForURL(/\/runbooks\//);
await page.locator('[data-testid="step"][data-step="0.0"]').getByRole("button", { name: "Done" }).click();
await page.getByLabel("Value for <STREAM_NAME>").fill("ROUTER_DECIDE");
await page.getByRole("button", { name: "Use these values" }).click();
await page.waitForTimeout(1500);
await shot("guided-run", "dark");

// The bound step's recovery action: its preflight dialog, then the verified run.
await page.locator('[data-testid="action-button"][data-action="nats/restart"]').first().click();
await page.getByTestId("preview-summary").waitFor();
await shot("action-dialog", "dark");
await page.getByTestId("action-dialog").getByRole("button", { name: /^Run/ }).click();
await page.getByTestId("run-verify").and(page.locator('[data-status="passed"]')).first().waitFor({ timeout: 90_000 });
await page.getByTestId("action-runs").first().scrollIntoViewIfNeeded();
await shot("action-run", "light");

// After the incident: resolve it, write the report, and the follow-ups it leaves.
const incidentUrl = new URL(page.url()).pathname.replace(/\/runbooks\/.*$/, "");
await page.goto(`${base}${incidentUrl}`);
await page.locator("summary", { hasText: "Move to…" }).click();
await page.getByRole("menuitem", { name: "Resolved" }).click();
await page.getByTestId("report-card").getByRole("link", { name: "Write the report" }).click();
await page.getByRole("button", { name: "Create the report" }).click();
await page.waitForURL(/\/report$/);
await page.locator("#section-root-cause").fill("The NATS server ran out of file descriptors after a connection leak in the decision worker; the router's publish calls timed out.");
await page.locator('[data-section="root-cause"] [data-save="saved"]').waitFor({ timeout: 15_000 });
await shot("report", "dark");
await page.goto(`${base}${incidentUrl}`);
await page.getByTestId("post-incident").scrollIntoViewIfNeeded();
await shot("post-incident", "light");
await page.goto(`${base}/reports`);
await page.waitForTimeout(1500);
await shot("reports", "light");

// Alerts in (with SITREP_ALERTMANAGER_TOKEN set: the demo's is in <data dir>/alertmanager-token).
const amToken = process.env.SITREP_ALERTMANAGER_TOKEN;
if (amToken) {
  const ago = (min) => new Date(Date.now() - min * 60_000).toISOString();
  const alert = (name, labels, summary, startsAt, fingerprint) => ({
    status: "firing", labels: { alertname: name, ...labels }, annotations: { summary }, startsAt, endsAt: "0001-01-01T00:00:00Z", generatorURL: "", fingerprint,
  });
  const notify = (groupKey, alerts) => fetch(`${base}/api/alerts/alertmanager`, {
    method: "POST",
    headers: { authorization: `Bearer ${amToken}`, "content-type": "application/json" },
    body: JSON.stringify({ version: "4", groupKey, truncatedAlerts: 0, status: "firing", receiver: "sitrep", groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: "", alerts }),
  });
  await notify('{}:{alertname="RunnerDown"}', [
    alert("RunnerDown", { severity: "critical", service: "beacon-runner", instance: "runner-1", region: "lhr" }, "Beacon runner is not answering health checks", ago(6), "5c1a7e0d9b2f4a01"),
    alert("RunnerDown", { severity: "critical", service: "beacon-runner", instance: "runner-2", region: "lhr" }, "Beacon runner is not answering health checks", ago(5), "5c1a7e0d9b2f4a02"),
  ]);
  await notify('{}:{alertname="HighLatency"}', [alert("HighLatency", { severity: "warning", service: "agent-node" }, "p95 latency 2.4 s for 5 minutes", ago(25), "5c1a7e0d9b2f4a03")]);
  await page.goto(`${base}/alerts`);
  await page.waitForTimeout(1500);
  await shot("alerts", "dark");
}
await browser.close();
