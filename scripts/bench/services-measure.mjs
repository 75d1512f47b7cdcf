// Measuring helpers of `npm run bench:services-page`: its own database, timed GETs, the one
// status change, and "content visible" in headless chromium.
import path from "node:path";
import { spawn } from "node:child_process";
import { startDatabase } from "./processes.mjs";
import { createThrowawayDatabase } from "./throwaway-db.mjs";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A throwaway database on DATABASE_URL's (local) server, or the embedded one without it. */
export async function throwawayDatabase(env, say) {
  if (!env.DATABASE_URL) return startDatabase(env, say);
  return (await createThrowawayDatabase(env.DATABASE_URL, "sitrep_bench_services", say)).url;
}

/** One GET: status, bytes, time to first byte and to the last byte (ms). */
export async function get(base, target, cookie) {
  const t0 = performance.now();
  const res = await fetch(base + target, { headers: { cookie }, redirect: "manual" });
  const reader = res.body.getReader();
  let first = 0;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (!first) first = performance.now() - t0;
    if (done) break;
    bytes += value.byteLength;
  }
  return { status: res.status, bytes, ttfb: first, total: performance.now() - t0, res };
}

export async function sample(base, target, cookie, samples) {
  const runs = [];
  for (let i = 0; i < samples + 2; i++) runs.push(await get(base, target, cookie));
  const kept = runs.slice(2); // the first two warm the route up
  return { status: kept[0].status, bytes: kept[0].bytes, ttfb: median(kept.map((r) => r.ttfb)), total: median(kept.map((r) => r.total)) };
}

export function recordChange(root, env, slug) {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/bench/services-change.ts"], {
      cwd: root, env: { ...env, BENCH_SLUG: slug }, stdio: ["ignore", "inherit", "inherit"],
    });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`services-change exited with ${code}`))));
  });
}


/** Milliseconds from navigation start until the first service row is on screen (median of `n`). */
export async function contentVisible(base, cookie, url, selector, n = 3) {
  let chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    return null;
  }
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-quic"] });
  try {
    const context = await browser.newContext();
    const host = new URL(base).hostname;
    await context.addCookies(cookie.split("; ").map((c) => { const [name, value] = c.split(/=(.*)/s); return { name, value, domain: host, path: "/" }; }));
    const page = await context.newPage();
    await page.goto(base + url, { waitUntil: "load" }); // warm-up: fonts, scripts and the sprite cached
    const times = [];
    for (let i = 0; i < n; i++) {
      await page.goto("about:blank");
      const t0 = Date.now();
      await page.goto(base + url, { waitUntil: "commit" });
      await page.locator(selector).first().waitFor({ state: "visible" });
      times.push(Date.now() - t0);
      if (process.env.BENCH_DEBUG) {
        const nav = await page.evaluate(() => JSON.stringify({ nav: performance.getEntriesByType("navigation")[0], paint: performance.getEntriesByType("paint") }));
        console.log(`[bench] visible after ${times.at(-1)} ms; ${nav}`);
      }
    }
    return median(times);
  } finally {
    await browser.close();
  }
}
