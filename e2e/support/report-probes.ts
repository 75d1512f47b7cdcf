// Probes for the report server actions (used by security.spec.ts): each seeds an incident with
// a report straight in the database, and reads back whether the call changed it.
import type pg from "pg";
import { uniqueTag } from "../fixtures";

type Probe = { prepare(ctx: { db: pg.Pool }): Promise<{ input: unknown; changed(): Promise<boolean> }> };
const one = async (db: pg.Pool, sql: string, args: unknown[]) => (await db.query(sql, args)).rows[0];

async function seedTemplate(db: pg.Pool) {
  const id = `probe-rt-${uniqueTag()}${uniqueTag()}`;
  await db.query(`INSERT INTO "ReportTemplate" (id, slug, name, "updatedAt") VALUES ($1, $1, 'Probe template', now())`, [id]);
  await db.query(
    `INSERT INTO "ReportTemplateVersion" ("templateId", version, sections, "authorLabel") VALUES ($1, 1, $2, 'probe')`,
    [id, JSON.stringify([{ key: "summary", title: "Summary", guidance: "", type: "markdown" }])],
  );
  return id;
}

async function seedIncident(db: pg.Pool) {
  const id = `probe-repinc-${uniqueTag()}${uniqueTag()}`;
  await db.query(`INSERT INTO "Incident" (id, title, severity, status, "startedAt", "resolvedAt", "updatedAt") VALUES ($1, $2, 'P3', 'resolved', now() - interval '1 hour', now(), now())`, [id, `Probe ${id}`]);
  return id;
}

/** An incident with a report (status as given) and one section, "summary". */
async function seedReport(db: pg.Pool, status = "draft") {
  const templateId = await seedTemplate(db);
  const incidentId = await seedIncident(db);
  const id = `probe-rep-${uniqueTag()}${uniqueTag()}`;
  await db.query(
    `INSERT INTO "Report" (id, "incidentId", "templateId", "templateVersion", title, status, "createdByLabel", "updatedAt") VALUES ($1, $2, $3, 1, 'Probe report', $4::"ReportStatus", 'probe', now())`,
    [id, incidentId, templateId, status],
  );
  await db.query(`INSERT INTO "ReportSection" (id, "reportId", key, title, type, position, content) VALUES ($1, $2, 'summary', 'Summary', 'markdown', 0, 'original')`, [`${id}-s`, id]);
  return id;
}

const reportProbe = (status: string, input: (reportId: string) => unknown, changed: (db: pg.Pool, reportId: string) => Promise<boolean>): Probe => ({
  async prepare({ db }) {
    const reportId = await seedReport(db, status);
    return { input: input(reportId), changed: () => changed(db, reportId) };
  },
});
const reportField = async (db: pg.Pool, id: string, column: string) => (await one(db, `SELECT "${column}"::text AS v FROM "Report" WHERE id = $1`, [id])).v;

export const REPORT_ACTIONS: Record<string, { access: "responder"; probe: Probe }> = {
  "lib/reports/actions.ts#createReportAction": {
    access: "responder",
    probe: {
      async prepare({ db }) {
        const [templateId, incidentId] = [await seedTemplate(db), await seedIncident(db)];
        return { input: { incidentId, templateId }, changed: async () => (await db.query(`SELECT 1 FROM "Report" WHERE "incidentId" = $1`, [incidentId])).rowCount! > 0 };
      },
    },
  },
  "lib/reports/actions.ts#saveReportSectionAction": {
    access: "responder",
    probe: reportProbe("draft", (reportId) => ({ reportId, key: "summary", content: "probed", baseVersion: 0 }),
      async (db, id) => (await one(db, `SELECT content FROM "ReportSection" WHERE "reportId" = $1`, [id])).content !== "original"),
  },
  "lib/reports/actions.ts#changeReportStatusAction": {
    access: "responder",
    probe: reportProbe("draft", (reportId) => ({ reportId, from: "draft", to: "in_review" }), async (db, id) => (await reportField(db, id, "status")) !== "draft"),
  },
  "lib/reports/actions.ts#startReportRevisionAction": {
    access: "responder",
    probe: reportProbe("published", (reportId) => ({ reportId, revision: 1 }), async (db, id) => (await reportField(db, id, "revision")) !== "1"),
  },
  "lib/reports/actions.ts#renameReportAction": {
    access: "responder",
    probe: reportProbe("draft", (reportId) => ({ reportId, title: "Probe renamed", version: 0 }), async (db, id) => (await reportField(db, id, "title")) !== "Probe report"),
  },
};
