// Setup for the report journeys, straight in the database: the changes under test go through the app.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { DEFAULT_REPORT_TEMPLATES } from "../../lib/reports/defaults";
import { uniqueTag } from "../fixtures";

const id = (prefix: string) => `${prefix}${randomUUID().replace(/-/g, "").slice(0, 20)}`;

/** A template of the test's own (the defaults belong to everyone), with the default full report's sections. */
export async function insertReportTemplate(db: pg.Pool, name = `E2E report ${uniqueTag()}`): Promise<{ id: string; name: string }> {
  const templateId = id("e2ert");
  await db.query(`INSERT INTO "ReportTemplate" (id, slug, name, description, "updatedAt") VALUES ($1, $1, $2, 'For the e2e suite', now())`, [templateId, name]);
  await db.query(`INSERT INTO "ReportTemplateVersion" ("templateId", version, sections, "authorLabel") VALUES ($1, 1, $2, 'e2e')`, [
    templateId,
    JSON.stringify(DEFAULT_REPORT_TEMPLATES[0].sections),
  ]);
  return { id: templateId, name };
}

/**
 * A P1 that started 2026-11-30 10:00 UTC and is mitigated: acknowledged 10:03, investigating
 * 10:05, identified 10:20, mitigated 10:35, with a pinned note at 10:15.
 */
export async function insertMitigatedIncident(db: pg.Pool, title: string, commanderId: string): Promise<{ id: string; number: number }> {
  const at = (hhmm: string) => `2026-11-30T${hhmm}:00Z`;
  const { rows } = await db.query(
    `INSERT INTO "Incident" (id, title, summary, severity, status, "startedAt", "acknowledgedAt", "investigatingAt", "identifiedAt", "mitigatedAt", "commanderId", "updatedAt")
     VALUES ($1, $2, 'Jobs queued for 40 minutes', 'P1', 'mitigated', $3, $4, $5, $6, $7, $8, now()) RETURNING id, number`,
    [id("e2einc"), title, at("10:00"), at("10:03"), at("10:05"), at("10:20"), at("10:35"), commanderId],
  );
  await db.query(
    `INSERT INTO "TimelineEvent" ("incidentId", kind, "occurredAt", "actorLabel", body, pinned) VALUES ($1, 'note', $2, 'e2e', 'Outbox count is 12k and growing', true)`,
    [rows[0].id, at("10:15")],
  );
  return rows[0];
}

/** An incident with a draft report made from `templateId`, every section empty at version 0. */
export async function insertDraftReport(db: pg.Pool, templateId: string): Promise<{ number: number; reportId: string }> {
  const { rows } = await db.query(
    `INSERT INTO "Incident" (id, title, severity, status, "startedAt", "resolvedAt", "updatedAt") VALUES ($1, $2, 'P2', 'resolved', now() - interval '2 hours', now(), now()) RETURNING id, number`,
    [id("e2einc"), `Report conflict ${uniqueTag()}`],
  );
  const reportId = id("e2erep");
  await db.query(
    `INSERT INTO "Report" (id, "incidentId", "templateId", "templateVersion", title, "createdByLabel", "updatedAt") VALUES ($1, $2, $3, 1, 'Conflict report', 'e2e', now())`,
    [reportId, rows[0].id, templateId],
  );
  for (const [position, s] of DEFAULT_REPORT_TEMPLATES[0].sections.entries()) {
    await db.query(`INSERT INTO "ReportSection" (id, "reportId", key, title, type, guidance, position) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      id("e2esec"), reportId, s.key, s.title, s.type, s.guidance, position,
    ]);
  }
  return { number: rows[0].number, reportId };
}
