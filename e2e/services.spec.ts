// Services: the live list, a service's page (sub-checks, charts, PromQL, range), health that
// follows an injected fault and its repair, the admin's catalog reload, and the JSON routes.
// The demo fleet (demo/) runs beside the app with demo/catalog.yaml, polled every 2 s
// (SITREP_E2E_CATALOG names another catalog when the suite runs against a different fleet).
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { test, expect, signIn } from "./fixtures";
import type { Page } from "@playwright/test";

test.describe.configure({ timeout: 90_000 });

const FLEET = process.env.SITREP_FLEET_URL ?? "";
const TOKEN = process.env.SITREP_FLEET_TOKEN ?? "";
const SERVICE = "beacon-runner";
/** Health is polled every 2 s and the list every 5 s: 30 s is several rounds of both. */
const HEALTH_TIMEOUT = 30_000;

type CatalogEntry = { slug: string; name: string };
const catalogServices = (): CatalogEntry[] =>
  (parse(fs.readFileSync(path.resolve(process.env.SITREP_E2E_CATALOG ?? "demo/catalog.yaml"), "utf8")) as { services: CatalogEntry[] }).services;

const injected: { slug: string; fault: string }[] = [];

async function fleet(method: "POST" | "DELETE", slug: string, fault: string) {
  const res = await fetch(`${FLEET}/${slug}/faults/${fault}`, { method, headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.ok, `${method} ${slug}/faults/${fault}: HTTP ${res.status}`).toBeTruthy();
}

async function inject(slug: string, fault: string) {
  injected.push({ slug, fault });
  await fleet("POST", slug, fault);
}

type FleetFault = string | { name: string; title?: string };
type FleetListing = { services?: { slug: string; faults?: FleetFault[] }[] };

/** The fleet's name for "open a circuit breaker" on a service, read from `GET {fleet}/`. */
async function circuitFault(slug: string): Promise<string> {
  const listing = (await (await fetch(`${FLEET}/`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as FleetListing;
  const faults = (listing.services?.find((s) => s.slug === slug)?.faults ?? []).map((f) => (typeof f === "string" ? { name: f } : f));
  const breaker = faults.filter((f) => /circuit|breaker/i.test(`${f.name} ${f.title ?? ""}`));
  const fault = breaker.find((f) => /open/i.test(`${f.name} ${f.title ?? ""}`) && !/half/i.test(f.name)) ?? breaker[0];
  expect(fault, `a circuit breaker fault for ${slug} among ${faults.map((f) => f.name).join(", ") || "no faults"}`).toBeTruthy();
  return fault!.name;
}

test.afterEach(async () => {
  // Clean up even when the test failed half-way: the fleet is shared by the whole run.
  while (injected.length) {
    const { slug, fault } = injected.pop()!;
    await fetch(`${FLEET}/${slug}/faults/${fault}`, { method: "DELETE", headers: { authorization: `Bearer ${TOKEN}` } }).catch(() => undefined);
  }
});

const row = (page: Page, slug: string) => page.getByTestId("services-table").locator(`[data-testid="service-row"][data-slug="${slug}"]`);
const panels = (page: Page) => page.getByTestId("metric-panel");

test("the services page lists every catalog service with its status; a viewer has no Reload", async ({ page, createUser }) => {
  const viewer = await createUser("viewer");
  await signIn(page, viewer);
  await page.goto("/services");
  await expect(page.getByRole("heading", { level: 1, name: "Services" })).toBeVisible();
  await expect(page.getByTestId("catalog-line")).toContainText("catalog.yaml");
  const services = catalogServices();
  expect(services.length).toBeGreaterThan(0);
  await expect(page.getByTestId("service-row")).toHaveCount(services.length);
  for (const s of services) {
    const r = row(page, s.slug);
    await expect(r.getByRole("link", { name: s.name, exact: true })).toHaveAttribute("href", `/services/${s.slug}`);
    await expect(r.getByTestId("service-status")).toHaveText(/^(Up|Degraded|Down|Impacted|Unknown)$/);
    await expect(page.getByTestId("fleet-map").locator(`[data-slug="${s.slug}"]`)).toBeVisible();
  }
  await expect(page.getByRole("button", { name: "Reload catalog" })).toHaveCount(0);
});

test("a viewer opens a service: sub-checks, a chart with data, and its PromQL to copy", async ({ page, context, createUser }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const viewer = await createUser("viewer");
  await signIn(page, viewer);
  await page.goto("/services");
  const name = catalogServices().find((s) => s.slug === SERVICE)!.name;
  await row(page, SERVICE).getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/services/${SERVICE}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByTestId("service-header").getByTestId("service-status")).toBeVisible();

  const subChecks = page.getByTestId("sub-checks").getByTestId("sub-check");
  await expect(subChecks.first()).toBeVisible({ timeout: HEALTH_TIMEOUT });
  await expect(page.getByTestId("sub-checks")).toContainText(/circuit/i);

  const withData = page.locator('[data-testid="time-series-panel"][data-state="data"]').first();
  await expect(withData).toBeVisible({ timeout: HEALTH_TIMEOUT });
  await expect(withData.locator(".recharts-line-curve").first()).toBeVisible();

  const panel = panels(page).filter({ has: withData }).first();
  const promql = panel.getByTestId("promql").first();
  await expect(promql).not.toBeEmpty();
  await panel.getByRole("button", { name: /^Copy PromQL for / }).first().click();
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "PromQL copied" })).toBeVisible();
  await expect(panel.getByTestId("panel-source")).toHaveText(/Direct scrape|Prometheus/);
});

test("the range picker changes the URL and the charts", async ({ page, createUser }) => {
  const viewer = await createUser("viewer");
  await signIn(page, viewer);
  await page.goto(`/services/${SERVICE}`);
  const picker = page.getByRole("group", { name: "Time range" });
  await expect(picker.getByRole("button", { name: "1h" })).toHaveAttribute("aria-pressed", "true");
  const chart = panels(page).first().getByTestId("time-series-panel");
  await expect(chart).toHaveAttribute("data-range", "1h", { timeout: HEALTH_TIMEOUT });
  const ticks1h = await chart.locator(".recharts-xAxis .recharts-cartesian-axis-tick-value").allTextContents();

  await picker.getByRole("button", { name: "15m" }).click();
  await expect(page).toHaveURL(/[?&]range=15m/);
  await expect(picker.getByRole("button", { name: "15m" })).toHaveAttribute("aria-pressed", "true");
  await expect(chart).toHaveAttribute("data-range", "15m");
  if (ticks1h.length) {
    await expect.poll(() => chart.locator(".recharts-xAxis .recharts-cartesian-axis-tick-value").allTextContents()).not.toEqual(ticks1h);
  }

  // The range survives a reload: it lives in the URL.
  await page.reload();
  await expect(page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "15m" })).toHaveAttribute("aria-pressed", "true");
  await expect(panels(page).first().getByTestId("time-series-panel")).toHaveAttribute("data-range", "15m", { timeout: HEALTH_TIMEOUT });
});

test("an open circuit breaker degrades the service with the failing sub-check; clearing it brings it back up", async ({ page, createUser }) => {
  const viewer = await createUser("viewer");
  await signIn(page, viewer);
  await page.goto(`/services/${SERVICE}`);
  const header = page.getByTestId("service-header");
  await expect(header).toHaveAttribute("data-status", "up", { timeout: HEALTH_TIMEOUT });

  await inject(SERVICE, await circuitFault(SERVICE));
  await expect(header).toHaveAttribute("data-status", "degraded", { timeout: HEALTH_TIMEOUT });
  await expect(header.getByTestId("service-status")).toHaveText("Degraded");
  const failing = page.locator('[data-testid="sub-check"][data-ok="false"]');
  await expect(failing.first()).toBeVisible();
  await expect(failing.first()).toContainText(/circuit/i);
  await expect(failing.first().getByTestId("breaker-state")).toHaveText("Open");
  await expect(page.getByTestId("service-reason")).toContainText(/circuit/i);

  // The list says the same, without a reload.
  await page.goto("/services");
  await expect(row(page, SERVICE)).toHaveAttribute("data-status", "degraded");
  await expect(row(page, SERVICE).getByTestId("service-reason")).toContainText(/circuit/i);

  const { slug, fault } = injected.pop()!;
  await fleet("DELETE", slug, fault);
  await expect(row(page, SERVICE)).toHaveAttribute("data-status", "up", { timeout: HEALTH_TIMEOUT });
  await expect(row(page, SERVICE).getByTestId("service-status")).toHaveText("Up");
});

test("an admin reloads the catalog and sees the result", async ({ page, createUser }) => {
  const admin = await createUser("admin");
  await signIn(page, admin);
  await page.goto("/services");
  const reload = page.getByRole("button", { name: "Reload catalog" });
  await expect(reload).toBeVisible();
  await reload.click();
  const result = page.getByTestId("catalog-reload-result");
  await expect(result).toHaveAttribute("data-ok", "true");
  await expect(result).toContainText(/catalog\.yaml.*(unchanged|service)/);
  await expect(page.getByTestId("service-row")).toHaveCount(catalogServices().length);
});

test("the services JSON routes: filters, 400 on a bad range or index, 404 unknown, 401 without a session", async ({ apiAs, createUser }) => {
  const viewer = await createUser("viewer");
  const api = await apiAs(viewer);

  const list = await api.get(`/api/services?slugs=${SERVICE},no-such-service`);
  expect(list.status()).toBe(200);
  const { services } = (await list.json()) as { services: { slug: string; status: string }[] };
  expect(services.map((s) => s.slug)).toEqual([SERVICE]);

  const ok = await api.get(`/api/services/${SERVICE}/panels/0?range=15m`);
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ index: 0, range: "15m" });

  const badRange = await api.get(`/api/services/${SERVICE}/panels/0?range=2d`);
  expect(badRange.status()).toBe(400);
  expect((await badRange.json()).error).toMatch(/range.*15m, 1h, 6h, 24h/);
  const badIndex = await api.get(`/api/services/${SERVICE}/panels/first?range=1h`);
  expect(badIndex.status()).toBe(400);
  expect((await badIndex.json()).error).toMatch(/panel index/);

  expect((await api.get("/api/services/no-such-service")).status()).toBe(404);
  expect((await api.get("/api/services/no-such-service/panels/0")).status()).toBe(404);
  expect((await api.get(`/api/services/${SERVICE}/panels/999`)).status()).toBe(404);

  const anonymous = await apiAs();
  expect((await anonymous.get(`/api/services/${SERVICE}/panels/0?range=1h`)).status()).toBe(401);
  expect((await anonymous.get("/api/services")).status()).toBe(401);
});
