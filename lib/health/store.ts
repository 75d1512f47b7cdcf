import "server-only";
import { db, type Tx } from "@/lib/db";
import { appendAudit, SYSTEM_ACTOR, type AuditInput } from "@/lib/audit/mutations";
import { addTimelineEvent } from "@/lib/timeline/mutations";
import { OPEN_STATUSES } from "@/lib/incidents/rules";
import type { CheckResult } from "@/lib/health/check";
import type { Sample } from "@/lib/health/exposition";
import type { CheckStatus } from "@/lib/services/types";

// Writes a batch of check results in a handful of statements (arrays through unnest), so a
// round of hundreds of checks costs a few round trips instead of thousands.

export type StatusChange = { slug: string; from: CheckStatus; to: CheckStatus; reason: string | null; at: Date };
/** What a status change says on an incident's timeline: "down (depends on nats, which is down)". */
export type Describe = (c: StatusChange) => { status: string; reason: string | null };

const seriesKey = (slug: string, s: Sample) =>
  `${slug}|${s.name}|${Object.keys(s.labels).sort().map((k) => `${k}=${s.labels[k]}`).join(",")}`;

/** Series ids by key, remembered across rounds: most scrapes bring no new series. */
export class SeriesIds {
  private ids = new Map<string, number>();

  async resolve(tx: Tx, rows: { slug: string; sample: Sample }[]): Promise<number[]> {
    const keys = rows.map((r) => seriesKey(r.slug, r.sample));
    const missing = [...new Set(keys.filter((k) => !this.ids.has(k)))];
    if (missing.length) {
      const first = new Map(rows.map((r, i) => [keys[i], r]));
      const created = await tx.$queryRawUnsafe<{ id: number; key: string }[]>(
        `INSERT INTO "MetricSeries" ("slug", "name", "labels", "key")
         SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[])
         ON CONFLICT ("key") DO UPDATE SET "key" = EXCLUDED."key" RETURNING "id", "key"`,
        missing.map((k) => first.get(k)!.slug), missing.map((k) => first.get(k)!.sample.name),
        missing.map((k) => JSON.stringify(first.get(k)!.sample.labels)), missing,
      );
      for (const c of created) this.ids.set(c.key, c.id);
    }
    return keys.map((k) => this.ids.get(k)!);
  }

  forget() {
    this.ids.clear();
  }
}

async function insertChecks(tx: Tx, results: CheckResult[]) {
  const col = <T>(f: (r: CheckResult) => T) => results.map(f);
  await tx.$executeRawUnsafe(
    `INSERT INTO "HealthCheck" ("slug", "at", "status", "latencyMs", "reason")
     SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::"CheckStatus"[], $4::int[], $5::text[])`,
    col((r) => r.slug), col((r) => r.at.toISOString()), col((r) => r.status), col((r) => r.latencyMs), col((r) => r.reason),
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO "HealthHourly" ("slug", "hour", "checks", "notDown", "latencySumMs")
     SELECT slug, date_trunc('hour', at), count(*)::int, count(*) FILTER (WHERE status <> 'down')::int, coalesce(sum(latency), 0)
     FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::float8[]) AS i(slug, at, status, latency)
     GROUP BY 1, 2
     ON CONFLICT ("slug", "hour") DO UPDATE SET "checks" = "HealthHourly"."checks" + EXCLUDED."checks",
       "notDown" = "HealthHourly"."notDown" + EXCLUDED."notDown", "latencySumMs" = "HealthHourly"."latencySumMs" + EXCLUDED."latencySumMs"`,
    col((r) => r.slug), col((r) => r.at.toISOString()), col((r) => r.status), col((r) => r.latencyMs),
  );
}

/** Upserts each service's latest state and returns the services whose status changed. */
async function upsertStates(tx: Tx, results: CheckResult[]): Promise<StatusChange[]> {
  const latest = [...new Map(results.map((r) => [r.slug, r])).values()];
  const col = <T>(f: (r: CheckResult) => T) => latest.map(f);
  const rows = await tx.$queryRawUnsafe<{ slug: string; before: CheckStatus | null }[]>(
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::"CheckStatus"[], $3::text[], $4::timestamptz[], $5::int[], $6::jsonb[])
         AS i(slug, status, reason, at, latency, sub)),
     old AS (SELECT s."slug", s."status" FROM "ServiceState" s JOIN input i ON i.slug = s."slug" FOR UPDATE OF s),
     up AS (
       INSERT INTO "ServiceState" ("slug", "status", "reason", "since", "checkedAt", "latencyMs", "subChecks")
       SELECT slug, status, reason, at, at, latency, sub FROM input
       ON CONFLICT ("slug") DO UPDATE SET "status" = EXCLUDED."status", "reason" = EXCLUDED."reason",
         "checkedAt" = EXCLUDED."checkedAt", "latencyMs" = EXCLUDED."latencyMs", "subChecks" = EXCLUDED."subChecks",
         "since" = CASE WHEN "ServiceState"."status" = EXCLUDED."status" THEN "ServiceState"."since" ELSE EXCLUDED."since" END
       RETURNING 1) -- runs to completion whether or not the query below reads it
     SELECT i.slug, o."status"::text AS before FROM input i LEFT JOIN old o ON o."slug" = i.slug
     WHERE o."status" IS DISTINCT FROM i.status`,
    col((r) => r.slug), col((r) => r.status), col((r) => r.reason), col((r) => r.at.toISOString()),
    col((r) => r.latencyMs), col((r) => JSON.stringify(r.subChecks)),
  );
  const bySlug = new Map(latest.map((r) => [r.slug, r]));
  return rows
    .map((row) => ({ row, r: bySlug.get(row.slug)! }))
    .filter(({ row, r }) => (row.before ?? "unknown") !== r.status)
    .map(({ row, r }) => ({ slug: r.slug, from: row.before ?? "unknown", to: r.status, reason: r.reason, at: r.at }));
}

async function insertSamples(tx: Tx, results: CheckResult[], ids: SeriesIds) {
  const rows = results.flatMap((r) => r.samples.map((sample) => ({ slug: r.slug, sample, at: r.at })));
  if (!rows.length) return;
  const seriesIds = await ids.resolve(tx, rows);
  await tx.$executeRawUnsafe(
    `INSERT INTO "MetricSample" ("seriesId", "t", "v")
     SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::float8[]) ON CONFLICT DO NOTHING`,
    seriesIds, rows.map((r) => r.at.toISOString()), rows.map((r) => (Number.isNaN(r.sample.value) ? "NaN" : r.sample.value)),
  );
}

/**
 * Writes each change on the timeline of every open incident affecting the service, then audits
 * them all: the entries of one batch come last in its transaction, one appendAudit per entry, so
 * the chain's head is held for the shortest time and the entries can be appended together.
 */
async function announce(tx: Tx, changes: StatusChange[], describe: Describe) {
  if (!changes.length) return;
  const incidents = await tx.incident.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, services: { hasSome: changes.map((c) => c.slug) } },
    select: { id: true, number: true, services: true },
  });
  const entries: AuditInput[] = [];
  for (const c of changes) {
    const shown = describe(c);
    const data = { service: c.slug, from: c.from, to: c.to, status: shown.status, reason: shown.reason };
    entries.push({ actor: SYSTEM_ACTOR, verb: "service.status", target: { type: "service", id: c.slug }, before: { status: c.from }, after: data });
    for (const i of incidents.filter((i) => i.services.includes(c.slug))) {
      await addTimelineEvent(tx, { incidentId: i.id, kind: "health", actor: SYSTEM_ACTOR, occurredAt: c.at, data });
      entries.push({ actor: SYSTEM_ACTOR, verb: "incident.service-status", target: { type: "incident", id: i.id }, after: { ref: `INC-${i.number}`, ...data } });
    }
  }
  for (const entry of entries) await appendAudit(tx, entry);
}

/**
 * Records one batch (what one tick of the poller brought, or one write of a poll round) in one
 * transaction: the checks, each service's state, the samples, and every status change with its
 * timeline events and audit entries. A tick's changes commit together or not at all.
 */
// A background writer: it may wait for a connection longer than a user's request would, rather
// than lose a tick of results while the app is busy.
const TX_OPTIONS = { maxWait: 10_000, timeout: 30_000 };

export async function recordChecks(results: CheckResult[], ids: SeriesIds, describe: Describe): Promise<StatusChange[]> {
  if (!results.length) return [];
  return db.$transaction(async (tx) => {
    await insertChecks(tx, results);
    const changes = await upsertStates(tx, results);
    await insertSamples(tx, results, ids);
    await announce(tx, changes, describe);
    return changes;
  }, TX_OPTIONS);
}
