import { defineConfig, devices } from "@playwright/test";

// The build and the migrations are done by `npm test` (scripts/test.mjs) before this runs;
// DATABASE_URL, AUTH_SECRET and AUTH_TRUST_HOST are inherited from it.
// SITREP_E2E_PORT lets two suites run side by side on one machine.
const PORT = Number(process.env.SITREP_E2E_PORT ?? 3100);
const OIDC_PORT = PORT + 90;
const baseURL = `http://127.0.0.1:${PORT}`;
const FLEET_PORT = PORT + 80;

// The demo fleet (demo/) and its catalog, polled every 2 s so health changes show quickly.
// Specs inject faults through the fleet's API with these (workers inherit process.env).
process.env.SITREP_FLEET_URL = `http://127.0.0.1:${FLEET_PORT}`;
process.env.SITREP_FLEET_TOKEN ??= "sitrep-e2e-fleet-token";
// The bearer token the app's Alertmanager webhook wants (e2e/alerts.spec.ts, e2e/alertmanager.spec.ts).
process.env.SITREP_ALERTMANAGER_TOKEN ??= "sitrep-e2e-alertmanager-token";
// The app server's output (stdout and stderr) is also kept in this file, so a spec can search
// what the server logged (e2e/secrets.spec.ts: no secret in the logs). One per port, so two
// suites side by side do not write the same file; a run starts it afresh.
process.env.SITREP_SERVER_LOG = `.test-reports/server-${PORT}.log`;
// bash for pipefail: the pipeline's status is then the server's, not tee's, so a server that
// fails to start still reports its own exit code. Playwright starts the shell as a process-group
// leader and kills the whole group (bash, node, tee) at the end; the server's stdin is still
// Playwright's pipe, so its lifeline (scripts/lifeline.mjs) works as before.
const SERVER_COMMAND = `mkdir -p .test-reports && exec bash -c 'set -o pipefail; node scripts/server.mjs 2>&1 | tee ${process.env.SITREP_SERVER_LOG}'`;
const FLEET = {
  SITREP_FLEET_URL: process.env.SITREP_FLEET_URL,
  SITREP_FLEET_TOKEN: process.env.SITREP_FLEET_TOKEN,
  SITREP_CATALOG: "demo/catalog.yaml",
  SITREP_DEMO_INTERVAL: "2s",
  SITREP_ALERTMANAGER_TOKEN: process.env.SITREP_ALERTMANAGER_TOKEN,
};

// Single sign-on is tested against a real OpenID Connect provider (e2e/support/oidc-provider.mjs).
export const OIDC_TEST = {
  AUTH_OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
  AUTH_OIDC_ID: "sitrep-e2e",
  AUTH_OIDC_SECRET: "sitrep-e2e-client-secret",
  AUTH_OIDC_NAME: "Test SSO",
  AUTH_OIDC_ROLE_MAP: "sitrep-admins=admin,oncall=responder",
};

export default defineConfig({
  testDir: "e2e",
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  // The suite runs on PostgreSQL and on the embedded database (one session: every query of the
  // app, the poller and both workers' fixtures queues behind the transaction in progress), on two
  // shared cores: a click's round trip there is 1–3 s, so 5 s per expectation is too tight.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The JSON report gives scripts/test.mjs the counts for its closing "N passed, N failed" line.
  reporter: [["list"], ["json", { outputFile: ".test-reports/e2e.json" }]],
  use: {
    baseURL,
    trace: "on-first-retry",
    ...devices["Desktop Chrome"],
    // `npx playwright install` cannot download browsers here: drive Debian's chromium.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "main", testIgnore: /(recovery\.(spec|setup)|walkthrough\.spec)\.ts$/ },
    // The seed systems fixed end to end (recovery.spec.ts) inject faults into the shared fleet
    // and restart services, so they run after everything else, on the bound seed runbooks.
    { name: "recovery-seed", testMatch: /recovery\.setup\.ts$/ },
    { name: "recovery", testMatch: /recovery\.spec\.ts$/, dependencies: ["main", "recovery-seed"] },
    // The quick-start walkthrough (walkthrough.spec.ts) takes whole services down: last of all.
    { name: "walkthrough", testMatch: /walkthrough\.spec\.ts$/, dependencies: ["recovery"] },
  ],
  webServer: [
    {
      command: "node demo/fleet.mjs",
      url: `${FLEET.SITREP_FLEET_URL}/`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { SITREP_FLEET_PORT: String(FLEET_PORT), SITREP_FLEET_TOKEN: FLEET.SITREP_FLEET_TOKEN, SITREP_FLEET_TICK_MS: "500" },
    },
    {
      command: "node e2e/support/oidc-provider.mjs",
      url: `${OIDC_TEST.AUTH_OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { OIDC_TEST_PORT: String(OIDC_PORT), APP_PORT: String(PORT) },
    },
    {
      command: SERVER_COMMAND,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      // HOSTNAME pinned: a shell or container may export its own machine name under that variable.
      // SITREP_NOTIFY_ALLOW_PRIVATE: the notification specs' receivers listen on 127.0.0.1.
      env: { PORT: String(PORT), HOSTNAME: "127.0.0.1", SITREP_NOTIFY_ALLOW_PRIVATE: "1", ...OIDC_TEST, ...FLEET },
      // Both streams arrive on stdout (2>&1 above); shown as before.
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
