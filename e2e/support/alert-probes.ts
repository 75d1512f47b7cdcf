// Probes for the alert server actions (silencing), used by security.spec.ts: each seeds an alert
// (and a silence) straight in the database, and reads back whether the call changed anything.
import type pg from "pg";
import { uniqueTag } from "../fixtures";

type Probe = { prepare(ctx: { db: pg.Pool }): Promise<{ input: unknown; changed(): Promise<boolean> }> };

const tag = () => `${uniqueTag()}${uniqueTag()}`;

async function seedAlert(db: pg.Pool) {
  const groupId = `probe-ag-${tag()}`;
  await db.query(`INSERT INTO "AlertGroup" (id, source, "groupKey", status, "updatedAt") VALUES ($1, 'alertmanager', $1, 'firing', now())`, [groupId]);
  const id = `probe-al-${tag()}`;
  await db.query(
    `INSERT INTO "Alert" (id, "groupId", fingerprint, alertname, status, severity, "startsAt") VALUES ($1, $2, $1, 'ProbeAlert', 'firing', 'P3', now())`,
    [id, groupId],
  );
  return id;
}

export const ALERT_ACTIONS: Record<string, { access: "responder"; probe: Probe }> = {
  "lib/alerts/actions.ts#silenceAlertAction": {
    access: "responder",
    probe: {
      async prepare({ db }) {
        const alertId = await seedAlert(db);
        return {
          input: { alertId, minutes: 60, reason: "Probe silence" },
          changed: async () => (await db.query(`SELECT 1 FROM "AlertSilence" WHERE fingerprint = $1`, [alertId])).rowCount! > 0,
        };
      },
    },
  },
  "lib/alerts/actions.ts#unsilenceAlertAction": {
    access: "responder",
    probe: {
      async prepare({ db }) {
        const alertId = await seedAlert(db);
        const silenceId = `probe-si-${tag()}`;
        await db.query(
          `INSERT INTO "AlertSilence" (id, fingerprint, alertname, reason, "endsAt", "createdByLabel") VALUES ($1, $2, 'ProbeAlert', 'probe', now() + interval '1 hour', 'probe')`,
          [silenceId, alertId],
        );
        return {
          input: { silenceId },
          changed: async () => (await db.query(`SELECT "endedAt" FROM "AlertSilence" WHERE id = $1`, [silenceId])).rows[0].endedAt !== null,
        };
      },
    },
  },
};
