import { defineConfig, devices } from "@playwright/test";

// The build and the migrations are done by `npm test` (scripts/test.mjs) before this runs;
// DATABASE_URL, AUTH_SECRET and AUTH_TRUST_HOST are inherited from it.
// SITREP_E2E_PORT lets two suites run side by side on one machine.
const PORT = Number(process.env.SITREP_E2E_PORT ?? 3100);
const OIDC_PORT = PORT + 90;
const baseURL = `http://127.0.0.1:${PORT}`;

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
  webServer: [
    {
      command: "node e2e/support/oidc-provider.mjs",
      url: `${OIDC_TEST.AUTH_OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { OIDC_TEST_PORT: String(OIDC_PORT), APP_PORT: String(PORT) },
    },
    {
      command: "node scripts/server.mjs",
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      // HOSTNAME pinned: a shell or container may export its own machine name under that variable.
      env: { PORT: String(PORT), HOSTNAME: "127.0.0.1", ...OIDC_TEST },
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
