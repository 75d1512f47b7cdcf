// Probes for linking and merging incidents, used by security.spec.ts: each seeds two incidents
// straight in the database, and reads back whether the call changed anything.
import type pg from "pg";
import { uniqueTag } from "../fixtures";

type Probe = { prepare(ctx: { db: pg.Pool }): Promise<{ input: unknown; changed(): Promise<boolean> }> };

async function seedPair(db: pg.Pool) {
  const seed = async () => {
    const id = `probelink${uniqueTag()}${uniqueTag()}`;
    const { rows } = await db.query(
      `INSERT INTO "Incident" (id, title, severity, status, "startedAt", "updatedAt") VALUES ($1, $2, 'P3', 'triggered', now(), now()) RETURNING number`,
      [id, `Probe link ${id}`],
    );
    return { id, number: rows[0].number as number };
  };
  return [await seed(), await seed()] as const;
}
const links = async (db: pg.Pool, a: string, b: string) =>
  (await db.query(`SELECT count(*)::int AS n FROM "IncidentLink" WHERE ("aId" = $1 AND "bId" = $2) OR ("aId" = $2 AND "bId" = $1)`, [a, b])).rows[0].n as number;

export const INCIDENT_LINK_ACTIONS: Record<string, { access: "responder"; probe: Probe }> = {
  "lib/incidents/link-actions.ts#linkIncidentAction": {
    access: "responder",
    probe: {
      async prepare({ db }) {
        const [a, b] = await seedPair(db);
        return { input: { incidentId: a.id, other: b.number }, changed: async () => (await links(db, a.id, b.id)) > 0 };
      },
    },
  },
  "lib/incidents/link-actions.ts#unlinkIncidentAction": {
    access: "responder",
    probe: {
      async prepare({ db }) {
        const [a, b] = await seedPair(db);
        const [aId, bId] = [a.id, b.id].sort();
        await db.query(`INSERT INTO "IncidentLink" (id, "aId", "bId", "createdByLabel") VALUES ($1, $2, $3, 'probe')`, [`probelink${uniqueTag()}`, aId, bId]);
        return { input: { incidentId: a.id, other: b.number }, changed: async () => (await links(db, a.id, b.id)) === 0 };
      },
    },
  },
  "lib/incidents/link-actions.ts#mergeIncidentAction": {
    access: "responder",
    probe: {
      async prepare({ db }) {
        const [a, b] = await seedPair(db);
        return {
          input: { incidentId: a.id, version: 0, into: b.number },
          changed: async () => (await db.query(`SELECT "mergedIntoId" AS v, status FROM "Incident" WHERE id = $1`, [a.id])).rows[0].status !== "triggered",
        };
      },
    },
  },
};
