// The Content-Security-Policy (proxy.ts, lib/security/csp.ts): every page gets a fresh nonce,
// the app's own scripts carry it and run, and a script injected without it does not.
import type { Page } from "@playwright/test";
import { test, expect, signIn } from "./fixtures";

function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test("pages carry a nonce-based CSP and the other security headers", async ({ apiAs }) => {
  const anonymous = await apiAs();
  const first = await anonymous.get("/login");
  const headers = first.headers();
  const policy = headers["content-security-policy"];
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(["same-origin", "strict-origin-when-cross-origin", "no-referrer", "strict-origin"]).toContain(headers["referrer-policy"]);

  const nonce = /'nonce-([^']+)'/.exec(policy)![1];
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, "every script tag carries the nonce").toContain(`nonce="${nonce}"`);

  const second = (await anonymous.get("/login")).headers()["content-security-policy"];
  expect(/'nonce-([^']+)'/.exec(second)![1], "a fresh nonce per response").not.toBe(nonce);
});

// The classic XSS payload: markup that smuggles script into a page (here an event handler, as
// user-supplied HTML would). 'strict-dynamic' still lets the app's own nonce'd code add scripts,
// so the test injects markup, not code.
test("markup injected into a page cannot run script", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await page.evaluate(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(e.violatedDirective));
    document.body.insertAdjacentHTML("beforeend", '<img alt="" src="/csp-probe-missing.png" onerror="window.__sitrepInjected = true">');
  });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations))
    .toContainEqual(expect.stringMatching(/^script-src/));
  expect(await page.evaluate(() => (window as unknown as { __sitrepInjected?: boolean }).__sitrepInjected)).toBeUndefined();
  // Our own inline script (the theme) ran: it carries the nonce.
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeTruthy();
});

test("the app's pages run under the policy without violations", async ({ page, createUser }) => {
  const violations = cspViolations(page);
  await signIn(page, await createUser("responder"));
  for (const path of ["/", "/incidents", "/services", "/runbooks"]) {
    await page.goto(path);
    await expect(page.getByTestId("current-user")).toBeVisible();
  }
  await page.waitForLoadState("networkidle").catch(() => undefined);
  expect(violations).toEqual([]);
});
