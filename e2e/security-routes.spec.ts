// Route handlers over raw HTTP: each one under app/ is classified here (a new one that is not
// fails the suite) and called anonymously; and the public operational endpoints work.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { test, expect, type Role } from "./fixtures";
import { repoRoot } from "./support/http";

type RouteAccess = {
  access: "public" | "authenticated" | Role;
  /** What to request for the anonymous check, when the route itself is a pattern. */
  probe?: string;
  /** Status an anonymous GET must get (default: 200 for public, 401/403 otherwise). */
  status?: number;
};

const ROUTES: Record<string, RouteAccess> = {
  "/api/auth/[...nextauth]": { access: "public", probe: "/api/auth/session" },
  "/api/health": { access: "public" },
  "/api/health/ready": { access: "public" },
  "/api/live": { access: "authenticated" },
  "/api/war-room": { access: "authenticated" },
  "/api/services": { access: "authenticated" },
  "/api/services/[slug]": { access: "authenticated" },
  "/api/services/[slug]/panels/[index]": { access: "authenticated" },
  "/api/services/[slug]/runbooks": { access: "authenticated" },
  "/api/runbooks/[slug]/markdown": { access: "authenticated" },
  "/api/reports": { access: "authenticated" },
  "/api/reports/[number]/markdown": { access: "authenticated" },
  // Recovery action runs (viewer+): a real run's id is also tried anonymously in actions-security.spec.ts.
  "/api/action-runs": { access: "authenticated", probe: "/api/action-runs?service=beacon-runner" },
  "/api/action-runs/[id]": { access: "authenticated" },
  // The incident page's timeline pages and live additions (viewer+).
  "/api/incidents/[number]/timeline": { access: "authenticated" },
  // Alertmanager's webhook: a bearer token (SITREP_ALERTMANAGER_TOKEN), not a session; 401 without it.
  "/api/alerts/alertmanager": { access: "authenticated" },
  // Public while METRICS_TOKEN is unset (as in this suite); see the /metrics tests below.
  "/metrics": { access: "public" },
};

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

/** app/api/health/ready/route.ts → /api/health/ready (route groups and parallel slots vanish). */
function routePattern(file: string): string {
  const segments = path
    .relative(path.join(repoRoot(), "app"), path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  return `/${segments.join("/")}`;
}

const exportedMethods = (file: string) => {
  const source = fs.readFileSync(file, "utf8");
  return ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].filter((m) => new RegExp(`\\b${m}\\b`).test(source));
};

const routes = routeFiles(path.join(repoRoot(), "app")).map((file) => ({ file, pattern: routePattern(file) }));

test("every route handler is classified", () => {
  expect(routes.length).toBeGreaterThan(0);
  const unclassified = routes.filter((r) => !(r.pattern in ROUTES)).map((r) => path.relative(repoRoot(), r.file));
  expect(unclassified, "route handlers missing from ROUTES in e2e/security-routes.spec.ts").toEqual([]);
  const stale = Object.keys(ROUTES).filter((pattern) => !routes.some((r) => r.pattern === pattern));
  expect(stale, "ROUTES entries with no route file").toEqual([]);
});

for (const { file, pattern } of routes) {
  const entry = ROUTES[pattern];
  if (!entry) continue;
  const url = entry.probe ?? pattern.replace(/\[\.\.\.[^\]]+\]/g, "e2e/probe").replace(/\[[^\]]+\]/g, "e2e-probe");

  test(`route ${pattern} (${entry.access}) answers anonymous callers accordingly`, async ({ apiAs }) => {
    const anonymous = await apiAs();
    for (const method of exportedMethods(file).filter((m) => m !== "HEAD" && m !== "OPTIONS")) {
      if (entry.access === "public" && method !== "GET") continue;
      const response = await anonymous.fetch(url, { method, maxRedirects: 0, failOnStatusCode: false });
      if (entry.access === "public") {
        expect(response.status(), `${method} ${url}`).toBe(entry.status ?? 200);
      } else {
        const location = response.headers()["location"] ?? "";
        const refused = [401, 403].includes(response.status()) || (response.status() >= 300 && response.status() < 400 && /\/login/.test(location));
        expect(refused, `${method} ${url} answered ${response.status()} to an anonymous caller`).toBe(true);
      }
    }
  });
}


// ── Operational endpoints ─────────────────────────────────────────────────────────────────────

test("GET /api/health and /api/health/ready report ok without a session", async ({ apiAs }) => {
  const anonymous = await apiAs();
  const health = await anonymous.get("/api/health", { maxRedirects: 0 });
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });

  const ready = await anonymous.get("/api/health/ready", { maxRedirects: 0 });
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ status: "ok", checks: { database: { status: "ok" } } });
  expect(ready.headers()["cache-control"]).toContain("no-store");
});

test("GET /metrics serves Prometheus text with request counts and process metrics", async ({ apiAs }) => {
  const anonymous = await apiAs();
  expect((await anonymous.get("/api/health")).ok()).toBe(true);

  const metrics = await anonymous.get("/metrics", { maxRedirects: 0 });
  expect(metrics.status()).toBe(200);
  expect(metrics.headers()["content-type"]).toContain("text/plain");
  const text = await metrics.text();
  expect(text).toContain("# TYPE sitrep_http_requests_total counter");
  expect(text).toMatch(/^sitrep_http_requests_total\{[^}]*route="\/api\/health"[^}]*\} [1-9]/m);
  expect(text).toMatch(/^process_cpu_\w+ /m);
});

// With SITREP_WORKERS > 1 (the default on PostgreSQL: one per core) a scrape reaches one worker;
// it must still count every worker's requests. Each request below opens its own connection, and
// the primary hands connections to the workers in turn.
test("GET /metrics counts the requests of every worker process", async ({ apiAs, baseURL }) => {
  const anonymous = await apiAs();
  const healthCount = async () => {
    const text = await (await anonymous.get("/metrics")).text();
    return [...text.matchAll(/^sitrep_http_requests_total\{[^}]*route="\/api\/health"[^}]*status="200"[^}]*\} (\d+)/gm)]
      .reduce((sum, m) => sum + Number(m[1]), 0);
  };
  const before = await healthCount();
  const N = 24;
  for (let i = 0; i < N; i++) {
    const status = await new Promise<number>((resolve, reject) => {
      http.get(`${baseURL}/api/health`, { agent: false }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      }).on("error", reject);
    });
    expect(status).toBe(200);
  }
  expect(await healthCount()).toBeGreaterThanOrEqual(before + N);
});

test("responses carry the security headers", async ({ apiAs }) => {
  const anonymous = await apiAs();
  for (const url of ["/login", "/api/health"]) {
    const headers = (await anonymous.get(url, { maxRedirects: 0 })).headers();
    expect(headers["x-frame-options"], url).toBe("DENY");
    expect(headers["x-content-type-options"], url).toBe("nosniff");
    expect(headers["x-powered-by"], url).toBeUndefined();
  }
});
