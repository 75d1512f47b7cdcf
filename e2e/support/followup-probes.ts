// Probes for the follow-up server actions (checklists, action items), used by security.spec.ts:
// each seeds what the call would change, straight in the database, and reads back whether it changed.
import type pg from "pg";
import { uniqueTag } from "../fixtures";

type Probe = { prepare(ctx: { db: pg.Pool }): Promise<{ input: unknown; changed(): Promise<boolean> }> };

const tag = () => `${uniqueTag()}${uniqueTag()}`;
const one = async (db: pg.Pool, sql: string, args: unknown[]) => (await db.query(sql, args)).rows[0];

async function seedIncident(db: pg.Pool) {
  const id = `probe-fuinc-${tag()}`;
  await db.query(`INSERT INTO "Incident" (id, title, severity, status, "startedAt", "resolvedAt", "updatedAt") VALUES ($1, $2, 'P3', 'resolved', now(), now(), now())`, [id, `Probe ${id}`]);
  return id;
}

async function seedTemplate(db: pg.Pool) {
  const id = `probe-clt-${tag()}`;
  await db.query(
    `INSERT INTO "ChecklistTemplate" (id, slug, name, items, "updatedAt") VALUES ($1, $1, $1, $2, now())`,
    [id, JSON.stringify([{ bucket: "immediate", text: "Probe item" }])],
  );
  return id;
}

/** An incident with one checklist of one unchecked item. */
async function seedItem(db: pg.Pool) {
  const incidentId = await seedIncident(db);
  const checklistId = `probe-cl-${tag()}`;
  await db.query(`INSERT INTO "Checklist" (id, "incidentId", "templateVersion", name, "createdByLabel") VALUES ($1, $2, 1, 'Probe checklist', 'probe')`, [checklistId, incidentId]);
  const itemId = `probe-cli-${tag()}`;
  await db.query(`INSERT INTO "ChecklistItem" (id, "checklistId", "incidentId", bucket, text, position) VALUES ($1, $2, $3, 'immediate', 'Probe item', 0)`, [itemId, checklistId, incidentId]);
  return itemId;
}

async function seedActionItem(db: pg.Pool) {
  const incidentId = await seedIncident(db);
  const id = `probe-ai-${tag()}`;
  await db.query(`INSERT INTO "ActionItem" (id, "incidentId", title, "createdByLabel", "updatedAt") VALUES ($1, $2, 'Probe action item', 'probe', now())`, [id, incidentId]);
  return id;
}

const actionItemProbe = (input: (id: string) => unknown): Probe => ({
  async prepare({ db }) {
    const id = await seedActionItem(db);
    return { input: input(id), changed: async () => (await one(db, `SELECT version FROM "ActionItem" WHERE id = $1`, [id])).version !== 0 };
  },
});

export const FOLLOWUP_ACTIONS: Record<string, { access: "responder"; probe: Probe }> = {
  "lib/followups/actions.ts#addChecklistAction": {
    access: "responder",
    probe: {
      async prepare({ db }) {
        const incidentId = await seedIncident(db);
        const templateId = await seedTemplate(db);
        return {
          input: { incidentId, templateId },
          changed: async () => (await db.query(`SELECT 1 FROM "Checklist" WHERE "incidentId" = $1`, [incidentId])).rowCount! > 0,
        };
      },
    },
  },
  "lib/followups/actions.ts#setChecklistItemAction": {
    access: "responder",
    probe: {
      async prepare({ db }) {
        const itemId = await seedItem(db);
        return { input: { itemId, checked: true }, changed: async () => (await one(db, `SELECT "checkedAt" FROM "ChecklistItem" WHERE id = $1`, [itemId])).checkedAt !== null };
      },
    },
  },
  "lib/followups/actions.ts#createActionItemAction": {
    access: "responder",
    probe: {
      async prepare({ db }) {
        const incidentId = await seedIncident(db);
        return {
          input: { incidentId, title: "Probe follow-up", ownerId: "", dueAt: "", status: "open", trackerUrl: "" },
          changed: async () => (await db.query(`SELECT 1 FROM "ActionItem" WHERE "incidentId" = $1`, [incidentId])).rowCount! > 0,
        };
      },
    },
  },
  "lib/followups/actions.ts#updateActionItemAction": {
    access: "responder",
    probe: actionItemProbe((id) => ({ id, version: 0, title: "Probe action item (edited)", ownerId: "", dueAt: "", status: "in_progress", trackerUrl: "https://tracker.example/P-1" })),
  },
  "lib/followups/actions.ts#setActionItemStatusAction": {
    access: "responder",
    probe: actionItemProbe((id) => ({ id, version: 0, status: "done" })),
  },
};
