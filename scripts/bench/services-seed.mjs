// Seed of `npm run bench:services-page`: a catalog of N services (the first CONNECTED of them
// in dependency chains, the rest standalone) and a state row for each, mostly up, a few down
// and degraded, as a poller would have left them. No health URLs: nothing polls them.
import { hashPassword } from "./seed.mjs";

export const CONNECTED = 220;

const slugOf = (i) => `svc-${String(i).padStart(4, "0")}`;

/** Catalog YAML: service i < CONNECTED depends on one or two services of lower index. */
export function catalogYaml(count) {
  const lines = ["services:"];
  for (let i = 1; i <= count; i++) {
    lines.push(`  - slug: ${slugOf(i)}`, `    name: Service ${i}`, `    team: Team ${1 + (i % 40)}`, `    owner: owner-${1 + (i % 90)}`);
    lines.push(`    tier: ${i % 5}`, `    description: Bench service ${i} of ${count}.`);
    if (i <= CONNECTED && i > 10) lines.push(`    dependsOn: [${slugOf(1 + (i % 10))}${i % 3 === 0 ? `, ${slugOf(i - 5)}` : ""}]`);
  }
  return `${lines.join("\n")}\n`;
}

/** State rows: every 47th service down, every 31st degraded, the rest up. Returns the viewer. */
export async function seedServices(client, count, tag) {
  await client.query(`
    INSERT INTO "ServiceState" (slug, status, reason, since, "checkedAt", "latencyMs")
    SELECT 'svc-' || lpad(g::text, 4, '0'),
      (CASE WHEN g % 47 = 0 THEN 'down' WHEN g % 31 = 0 THEN 'degraded' ELSE 'up' END)::"CheckStatus",
      CASE WHEN g % 47 = 0 THEN 'timeout after 5 s' WHEN g % 31 = 0 THEN 'Circuit breaker · db: open' END,
      now() - (g % 300) * interval '1 minute', now(), 20 + g % 180
    FROM generate_series(1, ${count}) g
    ON CONFLICT (slug) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason, since = EXCLUDED.since`);
  const user = { email: `bench-services-${tag}@bench.test`, password: `bench-${tag}-${Date.now()}` };
  await client.query(
    `INSERT INTO "User" (id, email, name, role, "passwordHash", active, source, "createdAt", "updatedAt")
     VALUES ($1, $2, 'Bench viewer', 'viewer', $3, true, 'password', now(), now())`,
    [`bench-services-${tag}`, user.email, hashPassword(user.password)],
  );
  return user;
}

/** A standalone service that is up: its change touches no other row. */
export const changeSlug = (count) => slugOf(count - 1);
