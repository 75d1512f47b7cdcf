// Probes for the report and checklist template server actions (used by security.spec.ts): each
// seeds a template of its own straight in the database and reads back whether the call changed
// it. None gives a template a default severity, so the seeded defaults other specs rely on stay.
import type pg from "pg";
import { uniqueTag } from "../fixtures";

type Probe = { prepare(ctx: { db: pg.Pool }): Promise<{ input: unknown; changed(): Promise<boolean> }> };

const SECTIONS = [{ key: "summary", title: "Summary", type: "summary", guidance: "" }];
const ITEMS = [{ bucket: "immediate", text: "Probe item" }];
const probeId = (kind: string) => `probe-${kind}-${uniqueTag()}${uniqueTag()}`;

async function seedReportTemplate(db: pg.Pool) {
  const id = probeId("rt");
  await db.query(`INSERT INTO "ReportTemplate" (id, slug, name, "updatedAt") VALUES ($1, $1, $2, now())`, [id, `Probe report template ${id}`]);
  await db.query(`INSERT INTO "ReportTemplateVersion" ("templateId", version, sections, "authorLabel") VALUES ($1, 1, $2, 'probe')`, [id, JSON.stringify(SECTIONS)]);
  return id;
}
async function seedChecklistTemplate(db: pg.Pool) {
  const id = probeId("ct");
  await db.query(`INSERT INTO "ChecklistTemplate" (id, slug, name, items, "updatedAt") VALUES ($1, $1, $2, $3, now())`, [id, `Probe checklist template ${id}`, JSON.stringify(ITEMS)]);
  return id;
}

const column = async (db: pg.Pool, table: string, id: string, name: string) => (await db.query(`SELECT "${name}" AS v FROM "${table}" WHERE id = $1`, [id])).rows[0]?.v;
const exists = async (db: pg.Pool, table: string, name: string) => (await db.query(`SELECT 1 FROM "${table}" WHERE name = $1`, [name])).rowCount! > 0;

const onReport = (input: (slug: string) => unknown, changed: (db: pg.Pool, id: string) => Promise<boolean>): Probe => ({
  async prepare({ db }) {
    const id = await seedReportTemplate(db);
    return { input: input(id), changed: () => changed(db, id) };
  },
});
const onChecklist = (input: (slug: string) => unknown, changed: (db: pg.Pool, id: string) => Promise<boolean>): Probe => ({
  async prepare({ db }) {
    const id = await seedChecklistTemplate(db);
    return { input: input(id), changed: () => changed(db, id) };
  },
});
const creates = (table: string, input: (name: string) => unknown): Probe => ({
  async prepare({ db }) {
    const name = `Probe created ${uniqueTag()}`;
    return { input: input(name), changed: () => exists(db, table, name) };
  },
});

export const TEMPLATE_ACTIONS: Record<string, { access: "admin"; probe: Probe }> = {
  "lib/reports/template-actions.ts#createReportTemplateAction": {
    access: "admin",
    probe: creates("ReportTemplate", (name) => ({ name, sections: SECTIONS })),
  },
  "lib/reports/template-actions.ts#updateReportTemplateAction": {
    access: "admin",
    probe: onReport((slug) => ({ slug, fromVersion: 1, name: "Probe edited", sections: [...SECTIONS, { key: "more", title: "More", type: "markdown", guidance: "" }] }),
      async (db, id) => (await column(db, "ReportTemplate", id, "version")) !== 1),
  },
  "lib/reports/template-actions.ts#archiveReportTemplateAction": {
    access: "admin",
    probe: onReport((slug) => ({ slug, archived: true }), async (db, id) => (await column(db, "ReportTemplate", id, "archived")) === true),
  },
  "lib/reports/template-actions.ts#createChecklistTemplateAction": {
    access: "admin",
    probe: creates("ChecklistTemplate", (name) => ({ name, items: ITEMS })),
  },
  "lib/reports/template-actions.ts#updateChecklistTemplateAction": {
    access: "admin",
    probe: onChecklist((slug) => ({ slug, fromVersion: 1, name: "Probe edited", items: [...ITEMS, { bucket: "long", text: "Another" }] }),
      async (db, id) => (await column(db, "ChecklistTemplate", id, "version")) !== 1),
  },
  "lib/reports/template-actions.ts#archiveChecklistTemplateAction": {
    access: "admin",
    probe: onChecklist((slug) => ({ slug, archived: true }), async (db, id) => (await column(db, "ChecklistTemplate", id, "archived")) === true),
  },
};
