// The service catalog of bench:war-day: one service per loopback target (scripts/bench/
// poller-targets.mjs: 10% slower than the timeout, 5% refusing connections), each with a health
// check, a scrape and one key panel, polled every 15 s by the app's own poller. Every third
// service depends on the one before (the dependency map has edges). The first one also carries
// the no-op http action the writers run. Written as JSON, which a YAML parser reads as is.
import fs from "node:fs";
import path from "node:path";

export const slugOf = (i) => `svc-${String(i + 1).padStart(3, "0")}`;

function service(target, i, noopUrl) {
  return {
    slug: slugOf(i),
    name: `Bench service ${i + 1}`,
    team: `team-${i % 12}`,
    tier: i % 4,
    dependsOn: i % 3 === 2 ? [slugOf(i - 1)] : [],
    health: { url: target.healthUrl, interval: "15s", timeout: "5s", fields: [{ path: "status", ok: ["ok"], severity: "down" }] },
    metrics: { scrape: target.metricsUrl, interval: "15s" },
    panels: [{ title: "Requests", metric: "http_requests_total", kind: "rate", key: true }],
    actions: i === 0 && noopUrl ? [{
      name: "noop", title: "No-op (bench)", danger: "safe", timeout: "5s",
      http: { url: `${noopUrl}/noop`, body: { mode: "dry-run" } },
    }] : [],
  };
}

/** Writes the catalog into `dir`; returns its path. */
export function writeCatalog(dir, targets, noopUrl) {
  const file = path.join(dir, "war-day-catalog.yaml");
  fs.writeFileSync(file, JSON.stringify({ services: targets.map((t, i) => service(t, i, noopUrl)) }, null, 1));
  return file;
}
