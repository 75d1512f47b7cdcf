// Probes for the notification server actions (admin only), used by security.spec.ts: each seeds
// a channel of its own straight in the database (its URL sealed with the server's key, pointing
// at a receiver the probe starts), and reads back whether the call changed anything. Seeded
// channels subscribe to no event, and every probe removes what it made, so no other spec's
// incident is ever sent to a receiver that has stopped.
import type pg from "pg";
import { uniqueTag } from "../fixtures";
import { createSealer } from "../../lib/notifications/seal";
import { startReceiver, type Receiver } from "../../lib/notifications/testing";

type Probe = { prepare(ctx: { db: pg.Pool }): Promise<{ input: unknown; changed(): Promise<boolean> }> };

// The server's sealing key: SITREP_SECRETS_KEY, else AUTH_SECRET (both inherited from the suite's environment).
const sealer = () => createSealer(process.env.SITREP_SECRETS_KEY || process.env.AUTH_SECRET!);
const probeName = () => `probe-channel-${uniqueTag()}${uniqueTag()}`;

async function seedChannel(db: pg.Pool, receiver?: Receiver) {
  const id = `probech${uniqueTag()}${uniqueTag()}`;
  const url = receiver ? `${receiver.url}/probe` : "http://127.0.0.1:9/never";
  await db.query(
    `INSERT INTO "NotificationChannel" (id, name, kind, "urlSealed", "urlHint", events, "createdByLabel", "updatedAt") VALUES ($1, $2, 'slack', $3, 'http://127.0.0.1/…robe', '{}', 'probe', now())`,
    [id, probeName(), sealer().seal("url", url)],
  );
  return id;
}
const channelRow = async (db: pg.Pool, id: string) => (await db.query(`SELECT name, enabled FROM "NotificationChannel" WHERE id = $1`, [id])).rows[0];
async function cleanUp(db: pg.Pool, id: string, receiver?: Receiver) {
  await db.query(`DELETE FROM "Notification" WHERE "channelKey" = $1`, [`channel:${id}`]);
  await db.query(`DELETE FROM "NotificationChannel" WHERE id = $1`, [id]);
  await receiver?.close();
}

/** A seeded channel, `input` built from its id, `changed` read before it is removed. */
const onChannel = (input: (id: string) => unknown, changed: (db: pg.Pool, id: string) => Promise<boolean>, withReceiver = false): Probe => ({
  async prepare({ db }) {
    const receiver = withReceiver ? await startReceiver() : undefined;
    const id = await seedChannel(db, receiver);
    return {
      input: input(id),
      changed: async () => {
        const result = await changed(db, id);
        await cleanUp(db, id, receiver);
        return result;
      },
    };
  },
});

export const NOTIFICATION_ACTIONS: Record<string, { access: "admin"; probe: Probe }> = {
  "lib/notifications/actions.ts#createNotificationChannelAction": {
    access: "admin",
    probe: {
      async prepare({ db }) {
        const name = probeName();
        return {
          input: { name, kind: "slack", url: "http://127.0.0.1:9/probe-created", secret: "", events: ["action.approval"], minSeverity: "P1" },
          changed: async () => {
            const { rows } = await db.query(`DELETE FROM "NotificationChannel" WHERE name = $1 RETURNING id`, [name]);
            for (const r of rows) await db.query(`DELETE FROM "Notification" WHERE "channelKey" = $1`, [`channel:${r.id}`]);
            return rows.length > 0;
          },
        };
      },
    },
  },
  "lib/notifications/actions.ts#updateNotificationChannelAction": {
    access: "admin",
    probe: onChannel((id) => ({ id, name: `probe-renamed-${id}`, url: "", secret: "", events: ["incident.declared"], minSeverity: "P1" }),
      async (db, id) => (await channelRow(db, id))?.name === `probe-renamed-${id}`),
  },
  "lib/notifications/actions.ts#setNotificationChannelEnabledAction": {
    access: "admin",
    probe: onChannel((id) => ({ id, enabled: false }), async (db, id) => (await channelRow(db, id))?.enabled === false),
  },
  "lib/notifications/actions.ts#deleteNotificationChannelAction": {
    access: "admin",
    probe: onChannel((id) => ({ id }), async (db, id) => !(await channelRow(db, id))),
  },
  "lib/notifications/actions.ts#sendTestNotificationAction": {
    access: "admin",
    probe: onChannel((id) => ({ channelKey: `channel:${id}` }),
      async (db, id) => (await db.query(`SELECT 1 FROM "Notification" WHERE "channelKey" = $1`, [`channel:${id}`])).rowCount! > 0, true),
  },
  "lib/notifications/actions.ts#retryNotificationAction": {
    access: "admin",
    probe: {
      async prepare({ db }) {
        const receiver = await startReceiver();
        const id = await seedChannel(db, receiver);
        const { rows } = await db.query(
          `INSERT INTO "Notification" ("channelKey", "channelName", event, payload, status, attempts, "lastError")
           VALUES ($1, 'probe', 'notification.test', $2, 'failed', 6, 'probe failure') RETURNING id`,
          [`channel:${id}`, JSON.stringify({ event: "notification.test", occurredAt: new Date().toISOString(), actor: "probe", test: { channel: "probe" } })],
        );
        const deliveryId = String(rows[0].id);
        return {
          input: { id: deliveryId },
          changed: async () => {
            const status = (await db.query(`SELECT status FROM "Notification" WHERE id = $1`, [deliveryId])).rows[0]?.status;
            await cleanUp(db, id, receiver);
            return status !== "failed";
          },
        };
      },
    },
  },
};
