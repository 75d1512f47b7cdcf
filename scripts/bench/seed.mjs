// Bulk seed for `npm run bench:war-room`: set-based SQL (generate_series), so 10,000 incidents and
// 100,000 timeline events land in seconds even on the embedded database.
import crypto from "node:crypto";

export const SEED = { services: 200, open: 50, closed: 10_000, events: 100_000, bigIncidentEvents: 5_000, responders: 20 };

/** Same format as lib/auth/password.ts: scrypt$N$r$p$salt$key, base64url, NFKC-normalized. */
export function hashPassword(password) {
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password.normalize("NFKC"), salt, 32, { N: 16384, r: 8, p: 1 });
  return ["scrypt", 16384, 8, 1, salt.toString("base64url"), key.toString("base64url")].join("$");
}

const slug = (expr) => `'svc-' || lpad(((${expr}) % ${SEED.services} + 1)::text, 3, '0')`;
const TITLES = `(ARRAY['Elevated 5xx on','Latency spike in','Queue backlog in','Circuit breaker open for','Job leases expiring in','Outbox stuck in','Degraded reads from','Certificate expiring on'])`;

// Closed incidents over the last year. Milestones follow the start; a few have the acknowledgement
// (g % 97) or the mitigation (g % 251) stamped before the start, as clock-skewed imports do.
const CLOSED = `
WITH base AS (
  SELECT g, now() - interval '1 day' - random() * interval '365 days' AS started,
    random() AS sev, 0.5 + random() * 25 AS ack_min, 10 + random() * 360 AS mit_min, random() * 720 AS res_min,
    ARRAY(SELECT ${slug("g * 7 + k * 13")} FROM generate_series(0, g % 3) k) AS services
  FROM generate_series(1, ${SEED.closed}) g
)
INSERT INTO "Incident" (id, title, summary, severity, status, services, "startedAt", "acknowledgedAt", "investigatingAt",
  "identifiedAt", "mitigatedAt", "resolvedAt", "closedAt", "commanderId", version, "createdAt", "updatedAt")
SELECT 'bench-c-' || g, ${TITLES}[1 + g % 8] || ' ' || services[1],
  'Customers saw errors from ' || array_to_string(services, ', ') || '. Root cause and follow-ups are in the report.',
  (CASE WHEN sev < 0.05 THEN 'P1' WHEN sev < 0.25 THEN 'P2' WHEN sev < 0.65 THEN 'P3' ELSE 'P4' END)::"Severity",
  'closed', services, started,
  CASE WHEN g % 97 = 0 THEN started - interval '2 minutes' ELSE started + ack_min * interval '1 minute' END,
  started + (ack_min + 2) * interval '1 minute',
  started + (ack_min + mit_min / 2) * interval '1 minute',
  CASE WHEN g % 251 = 0 THEN started - interval '5 minutes' ELSE started + (ack_min + mit_min) * interval '1 minute' END,
  started + (ack_min + mit_min + res_min) * interval '1 minute',
  started + (ack_min + mit_min + res_min) * interval '1 minute' + random() * interval '72 hours',
  'bench-responder-' || (1 + g % ${SEED.responders}), 6, started, now()
FROM base ORDER BY started`;

// Open incidents from the last few hours, one per status in turn, each stamped up to its status.
const OPEN = `
WITH base AS (
  SELECT g, now() - random() * interval '6 hours' AS started, (g % 5) AS st,
    ARRAY(SELECT ${slug("g * 11 + k * 17")} FROM generate_series(0, g % 4) k) AS services
  FROM generate_series(1, ${SEED.open}) g
)
INSERT INTO "Incident" (id, title, summary, severity, status, services, "startedAt", "acknowledgedAt", "investigatingAt",
  "identifiedAt", "mitigatedAt", "commanderId", version, "createdAt", "updatedAt")
SELECT 'bench-o-' || g, ${TITLES}[1 + g % 8] || ' ' || services[1], 'Open: ' || array_to_string(services, ', ') || ' affected.',
  (ARRAY['P1','P2','P2','P3','P3','P4'])[1 + g % 6]::"Severity",
  (ARRAY['triggered','acknowledged','investigating','identified','mitigated'])[1 + st]::"IncidentStatus",
  services, started,
  CASE WHEN st >= 1 THEN started + interval '3 minutes' END,
  CASE WHEN st >= 2 THEN started + interval '6 minutes' END,
  CASE WHEN st >= 3 THEN started + interval '20 minutes' END,
  CASE WHEN st >= 4 THEN started + interval '40 minutes' END,
  CASE WHEN g % 3 <> 0 THEN 'bench-responder-' || (1 + g % ${SEED.responders}) END, st, started, now()
FROM base ORDER BY started`;

const eventColumns = `("incidentId", kind, "occurredAt", "createdAt", "actorId", "actorLabel", body, data, pinned)`;
const eventValues = (k, total) => `
  CASE WHEN ${k} = 0 THEN 'declared' WHEN ${k} % 10 = 1 THEN 'status' ELSE 'note' END,
  started + (ended - started) * (${k}::float / ${total}), started + (ended - started) * (${k}::float / ${total}),
  'bench-responder-' || (1 + ${k} % ${SEED.responders}), 'Responder ' || (1 + ${k} % ${SEED.responders}),
  CASE WHEN ${k} = 0 OR ${k} % 10 = 1 THEN NULL ELSE '**Update ' || ${k} || '**: checked dashboards, error rate ' || (${k} % 40) || '%; next step in 10 minutes.' END,
  CASE WHEN ${k} = 0 THEN jsonb_build_object('title', title, 'severity', severity, 'services', to_jsonb(services))
       WHEN ${k} % 10 = 1 THEN jsonb_build_object('status', 'investigating', 'reopen', false, 'from', jsonb_build_object('status', 'acknowledged')) END,
  ${k} % 10 > 1 AND ${k} % 23 = 0`;

// The first open incident gets a long timeline (the incident page under test); the rest spread evenly.
const BIG_EVENTS = `
INSERT INTO "TimelineEvent" ${eventColumns}
SELECT id, ${eventValues("g", SEED.bigIncidentEvents)}
FROM (SELECT id, title, severity, services, "startedAt" AS started, now() AS ended FROM "Incident" WHERE id = 'bench-o-1') i,
  generate_series(0, ${SEED.bigIncidentEvents - 1}) g`;

const SPREAD = SEED.events - SEED.bigIncidentEvents;
const SPREAD_EVENTS = `
WITH inc AS (
  SELECT id, title, severity, services, "startedAt" AS started, coalesce("closedAt", now()) AS ended,
    row_number() OVER (ORDER BY number) - 1 AS rn, count(*) OVER () AS n
  FROM "Incident" WHERE id LIKE 'bench-%'
)
INSERT INTO "TimelineEvent" ${eventColumns}
SELECT id, ${eventValues("k", 10)}
FROM inc, generate_series(0, ${SPREAD} / ${SEED.open + SEED.closed}) k
WHERE k * n + rn < ${SPREAD}`;

/** Seeds everything in one transaction; returns what the bench needs to sign in and to hit. */
export async function seed(client, log = () => {}) {
  const tag = crypto.randomBytes(4).toString("hex");
  const user = { email: `bench-viewer-${tag}@bench.test`, password: `bench-${crypto.randomUUID()}` };
  await client.query("BEGIN");
  await client.query(
    `INSERT INTO "User" (id, email, name, role, "passwordHash", active, source, "createdAt", "updatedAt")
     VALUES ($1, $2, 'Bench viewer', 'viewer', $3, true, 'password', now(), now())`,
    [`bench-viewer-${tag}`, user.email, hashPassword(user.password)],
  );
  await client.query(
    `INSERT INTO "User" (id, email, name, role, active, source, "createdAt", "updatedAt")
     SELECT 'bench-responder-' || g, 'responder-' || g || '@bench.test', 'Responder ' || g, 'responder', true, 'seed', now(), now()
     FROM generate_series(1, ${SEED.responders}) g ON CONFLICT (id) DO NOTHING`,
  );
  const existing = await client.query(`SELECT count(*)::int AS n FROM "Incident" WHERE id LIKE 'bench-%'`);
  if (existing.rows[0].n === 0) {
    for (const [name, sql] of Object.entries({ closed: CLOSED, open: OPEN, "big timeline": BIG_EVENTS, "other timelines": SPREAD_EVENTS })) {
      const t = Date.now();
      await client.query(sql);
      log(`seed ${name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
  }
  await client.query("COMMIT");
  await client.query(`ANALYZE "Incident"; ANALYZE "TimelineEvent"`);
  const { rows } = await client.query(`
    SELECT (SELECT number FROM "Incident" WHERE id = 'bench-o-1') AS big,
      (SELECT count(*)::int FROM "Incident") AS incidents,
      (SELECT count(*)::int FROM "Incident" WHERE status NOT IN ('resolved', 'closed')) AS open,
      (SELECT count(*)::int FROM "TimelineEvent") AS events,
      (SELECT count(*)::int FROM "TimelineEvent" WHERE "incidentId" = 'bench-o-1') AS "bigEvents",
      (SELECT count(DISTINCT s)::int FROM "Incident", unnest(services) s) AS services`);
  return { user, reused: existing.rows[0].n > 0, ...rows[0] };
}
