// Recovery-action runs for the security suites: rows seeded straight in the database (a run
// awaiting approval, one ready to run) carrying the hash the app itself would compute, and reads
// of what the app wrote about them afterwards (the row, its audit entries).
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { demoAction } from "../../lib/actions/testing";
import { targetHashOf } from "../../lib/actions/target";
import { uniqueTag, type TestUser } from "../fixtures";

/** Every action these suites use belongs to this demo service (demo/catalog.yaml). */
export const SERVICE = "beacon-runner";

/** A fresh idempotency key (requestActionSchema wants 16–100 of [A-Za-z0-9_-]). */
export const uniqueKey = () => `e2e-${randomUUID()}`;

/**
 * The hash an approval of this demo action covers, computed as the app does (lib/actions/target.ts)
 * from demo/catalog.yaml as the e2e server loads it. `params` must be what validation yields
 * (integers as numbers, defaults filled in).
 */
export function demoHash(action: string, params: Record<string, string | number> = {}): string {
  return targetHashOf(SERVICE, demoAction(process.env.SITREP_FLEET_URL!, SERVICE, action), params);
}

const DANGER: Record<string, string> = { restart: "destructive", "clear-queue": "destructive", "republish-jobs": "safe" };

export type SeedRun = {
  action: string;
  params?: Record<string, string | number>;
  status: "awaiting_approval" | "requested";
  /** who asked for it: approving needs someone else */
  requestedBy?: Pick<TestUser, "id" | "email">;
  incidentId?: string | null;
};

/** An action run as requestActionRun would have written it (without its audit entry). */
export async function seedActionRun(db: pg.Pool, run: SeedRun): Promise<string> {
  const id = `e2erun${uniqueTag()}${uniqueTag()}`;
  const params = run.params ?? {};
  await db.query(
    `INSERT INTO "ActionRun" (id, service, action, params, danger, "targetHash", "idempotencyKey", status, "incidentId", "requestedById", "requestedByLabel")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [id, SERVICE, run.action, JSON.stringify(params), DANGER[run.action] ?? "caution", demoHash(run.action, params), uniqueKey(), run.status,
      run.incidentId ?? null, run.requestedBy?.id ?? null, run.requestedBy?.email ?? "e2e seed"],
  );
  return id;
}

export type RunRow = {
  id: string; status: string; params: Record<string, unknown>; targetHash: string; approvedById: string | null; approvedHash: string | null;
  approvedAt: Date | null; expiresAt: Date | null; startedAt: Date | null; deniedById: string | null; requestedById: string | null;
};

export async function runRow(db: pg.Pool, id: string): Promise<RunRow | undefined> {
  return (await db.query(`SELECT * FROM "ActionRun" WHERE id = $1`, [id])).rows[0];
}

export async function runByKey(db: pg.Pool, idempotencyKey: string): Promise<RunRow | undefined> {
  return (await db.query(`SELECT * FROM "ActionRun" WHERE "idempotencyKey" = $1`, [idempotencyKey])).rows[0];
}

/** The audit verbs written about one run, in chain order. */
export async function runAuditVerbs(db: pg.Pool, runId: string): Promise<string[]> {
  const { rows } = await db.query(`SELECT verb FROM "AuditEntry" WHERE after->>'runId' = $1 ORDER BY seq`, [runId]);
  return rows.map((r) => r.verb as string);
}

/** Audit entries of recovery actions (action.*) made by this user: what a refused call must not leave. */
export async function actionAuditCount(db: pg.Pool, userId: string): Promise<number> {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM "AuditEntry" WHERE "actorId" = $1 AND verb LIKE 'action.%'`, [userId]);
  return rows[0].n;
}

/** Action runs this user requested. */
export async function runsRequestedBy(db: pg.Pool, userId: string): Promise<number> {
  return (await db.query(`SELECT count(*)::int AS n FROM "ActionRun" WHERE "requestedById" = $1`, [userId])).rows[0].n;
}

/** An incident straight in the database; its number is what its page's URL uses. */
export async function seedIncident(db: pg.Pool, title = "Action security"): Promise<{ id: string; number: number }> {
  const id = `e2eactinc${uniqueTag()}${uniqueTag()}`;
  const { rows } = await db.query(
    `INSERT INTO "Incident" (id, title, severity, status, services, "startedAt", "updatedAt") VALUES ($1, $2, 'P3', 'investigating', $3, now(), now()) RETURNING number`,
    [id, `${title} ${id}`, [SERVICE]],
  );
  return { id, number: rows[0].number };
}

/** Timeline events about recovery actions on one incident. */
export async function actionEventCount(db: pg.Pool, incidentId: string): Promise<number> {
  return (await db.query(`SELECT count(*)::int AS n FROM "TimelineEvent" WHERE "incidentId" = $1 AND kind = 'action'`, [incidentId])).rows[0].n;
}
