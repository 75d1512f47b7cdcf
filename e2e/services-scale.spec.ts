// The services list at fleet scale: a page at a time worst first, searched and filtered with
// the URL following; and a status change reaching the open list as a delta (?since=<cursor>),
// never as a refetch of the whole fleet. Runs on the demo fleet (demo/catalog.yaml).
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { test, expect, signIn } from "./fixtures";
import type { Request } from "@playwright/test";

test.describe.configure({ timeout: 90_000 });

const FLEET = process.env.SITREP_FLEET_URL ?? "";
const TOKEN = process.env.SITREP_FLEET_TOKEN ?? "";
// Broken by no other spec but recovery's (which may leave it "impacted" through its database).
const SERVICE = "aitbc-coordinator";
const FAULT = "coordinator-503";
const HEALTH_TIMEOUT = 30_000;

type CatalogEntry = { slug: string; name: string };
const catalogServices = (): CatalogEntry[] =>
  (parse(fs.readFileSync(path.resolve(process.env.SITREP_E2E_CATALOG ?? "demo/catalog.yaml"), "utf8")) as { services: CatalogEntry[] }).services;

let injected = false;
async function fault(method: "POST" | "DELETE") {
  const res = await fetch(`${FLEET}/${SERVICE}/faults/${FAULT}`, { method, headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.ok, `${method} ${SERVICE}/faults/${FAULT}: HTTP ${res.status}`).toBeTruthy();
  injected = method === "POST";
}

test.afterEach(async () => {
  if (injected) await fetch(`${FLEET}/${SERVICE}/faults/${FAULT}`, { method: "DELETE", headers: { authorization: `Bearer ${TOKEN}` } }).catch(() => undefined);
  injected = false;
});

test("the list pages, searches and filters, and the URL follows", async ({ page, createUser }) => {
  const services = catalogServices();
  expect(services.length).toBeGreaterThan(4);
  await signIn(page, await createUser("viewer"));
  await page.goto("/services?per=3");
  const rows = page.getByTestId("service-row");
  await expect(rows).toHaveCount(3);
  const pages = Math.ceil(services.length / 3);
  await expect(page.getByTestId("services-page")).toHaveText(`1–3 of ${services.length} · Page 1 of ${pages}`);
  const firstPage = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-slug")));

  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(page.getByTestId("services-page")).toHaveText(new RegExp(`^4–\\d+ of ${services.length} · Page 2 of ${pages}$`));
  const secondPage = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-slug")));
  expect(secondPage.filter((s) => firstPage.includes(s))).toEqual([]);

  // Search by name: one row, the page back to 1, the query in the URL (a reload keeps it).
  const target = services[services.length - 1];
  await page.getByTestId("services-search").fill(target.name);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-slug", target.slug);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(target.name).replace(/%20/g, "(\\+|%20)")}`));
  await expect(page).not.toHaveURL(/[?&]page=/);
  await page.reload();
  await expect(page.getByTestId("services-search")).toHaveValue(target.name);
  await expect(rows).toHaveCount(1);

  await page.getByTestId("services-search").fill("no-such-service-anywhere");
  await expect(page.getByTestId("services-none")).toBeVisible();
  await expect(rows).toHaveCount(0);

  // The status filter: every row shown has that status.
  await page.getByTestId("services-search").fill("");
  await page.getByTestId("services-status-filter").selectOption("up");
  await expect(page).toHaveURL(/[?&]status=up/);
  await expect(page.locator('[data-testid="service-row"]:not([data-status="up"])')).toHaveCount(0);
});

test("a status change reaches the open list as a delta, not a refetch of the whole fleet", async ({ page, createUser }) => {
  await signIn(page, await createUser("viewer"));
  const calls: string[] = [];
  page.on("request", (r: Request) => {
    const url = new URL(r.url());
    if (url.pathname === "/api/services") calls.push(url.search);
  });
  await page.goto("/services");
  const row = page.locator(`[data-testid="service-row"][data-slug="${SERVICE}"]`);
  await expect(row).toHaveAttribute("data-status", "up", { timeout: HEALTH_TIMEOUT });

  const delta = page.waitForResponse(
    async (r) => r.url().includes("/api/services?since=") && (await r.text()).includes(`"slug":"${SERVICE}"`),
    { timeout: HEALTH_TIMEOUT },
  );
  await fault("POST");
  const body = (await (await delta).json()) as { reset: boolean; changed: { slug: string; status: string }[]; cursor: string };
  expect(body.reset).toBe(false);
  expect(body.changed.map((s) => s.slug)).toContain(SERVICE);
  await expect(row).toHaveAttribute("data-status", /^(down|impacted)$/);
  // Failing services lead the list: it moved to the top without a reload.
  await expect(page.getByTestId("service-row").first()).not.toHaveAttribute("data-status", "up");
  await expect(page.getByTestId("services-counts")).toContainText(/Down|Impacted/);
  await expect(page.getByTestId("fleet-map").locator(`[data-slug="${SERVICE}"]`)).toHaveAttribute("data-status", /^(down|impacted)$/);

  await fault("DELETE");
  await expect(row).toHaveAttribute("data-status", "up", { timeout: HEALTH_TIMEOUT });
  expect(calls.some((c) => c.startsWith("?since="))).toBe(true);
  // Never the whole list (no parameters) while the page was open.
  expect(calls.filter((c) => c === "")).toEqual([]);
});

test("the delta route checks the session and its cursor", async ({ apiAs, createUser }) => {
  const api = await apiAs(await createUser("viewer"));
  const first = await api.get("/api/services?page=1&per=2");
  expect(first.status()).toBe(200);
  const list = (await first.json()) as { rows: unknown[]; cursor: string; pageCount: number };
  expect(list.rows).toHaveLength(2);
  const same = await api.get(`/api/services?since=${list.cursor}`);
  expect(same.status()).toBe(200);
  expect(await same.json()).toMatchObject({ reset: false });
  expect((await api.get("/api/services?since=abc")).status()).toBe(400);
  expect((await api.get("/api/services?status=sideways")).status()).toBe(400);
  expect((await (await apiAs()).get(`/api/services?since=${list.cursor}`)).status()).toBe(401);
});
