// Seed of `npm run bench:services-page`: a catalog of N services (the first CONNECTED of them
// in dependency chains, the rest standalone), each with a health check on one loopback server
// of ours (every 47th answers 503: down), checked once an hour so the poller's first round sets
// every status and then stays quiet while the bench measures.
import http from "node:http";
import { hashPassword } from "./seed.mjs";

export const CONNECTED = 220;

const slugOf = (i) => `svc-${String(i).padStart(4, "0")}`;
const isDown = (i) => i % 47 === 0;

/** Catalog YAML: service 10 < i ≤ CONNECTED depends on one of the first ten (and every third on i − 5). */
export function catalogYaml(count, healthBase) {
  const lines = ["services:"];
  for (let i = 1; i <= count; i++) {
    lines.push(`  - slug: ${slugOf(i)}`, `    name: Service ${i}`, `    team: Team ${1 + (i % 40)}`, `    owner: owner-${1 + (i % 90)}`);
    lines.push(`    tier: ${i % 5}`, `    description: Bench service ${i} of ${count}.`);
    lines.push(`    health: { url: "${healthBase}/${slugOf(i)}/health", interval: 1h, timeout: 2s }`);
    if (i <= CONNECTED && i > 10) lines.push(`    dependsOn: [${slugOf(1 + (i % 10))}${i % 3 === 0 ? `, ${slugOf(i - 5)}` : ""}]`);
  }
  return `${lines.join("\n")}\n`;
}

/** The services' health endpoints: 200 {"status":"ok"}, or 503 for the ones that are down. */
export function startHealthServer() {
  const server = http.createServer((req, res) => {
    const i = Number(/svc-(\d+)/.exec(req.url ?? "")?.[1] ?? 0);
    res.writeHead(isDown(i) ? 503 : 200, { "content-type": "application/json" });
    res.end(isDown(i) ? '{"status":"unavailable"}' : '{"status":"ok"}');
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

/** The viewer the bench signs in as. */
export async function seedViewer(client, tag) {
  const user = { email: `bench-services-${tag}@bench.test`, password: `bench-${tag}-${Date.now()}` };
  await client.query(
    `INSERT INTO "User" (id, email, name, role, "passwordHash", active, source, "createdAt", "updatedAt")
     VALUES ($1, $2, 'Bench viewer', 'viewer', $3, true, 'password', now(), now())`,
    [`bench-services-${tag}`, user.email, hashPassword(user.password)],
  );
  return user;
}

/** A standalone service that is up: its change touches no other row. */
export const changeSlug = (count) => slugOf(isDown(count - 1) ? count - 2 : count - 1);
