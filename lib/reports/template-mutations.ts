import "server-only";
import { db, type Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/mutations";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { SEVERITIES, type Severity } from "@/lib/incidents/rules";
import { templateSectionsSchema, type TemplateSection } from "@/lib/reports/sections";
import { archiveBlockedReason, freeSlug, listText, RESERVED_REPORT_SLUGS, slugify, staleSaveMessage } from "@/lib/reports/template-rules";
import type { CreateReportTemplateInput, UpdateReportTemplateInput } from "@/lib/reports/template-schemas";

// Report templates: every change of name, description, defaults or sections is a new version
// (a report keeps the version it started from). All writes take one advisory lock, so "a
// severity has at most one default" holds even when two admins move the same severity at once.
const REPORT_TEMPLATES_LOCK = 7_265_312_003; // arbitrary, fixed: "report template writes"
const TARGET = "report_template";

type Holder = { id: string; slug: string; name: string; version: number; defaultFor: Severity[] };
export type MovedDefault = { slug: string; name: string; severities: Severity[] };

const lock = (tx: Tx) => tx.$executeRaw`SELECT pg_advisory_xact_lock(${REPORT_TEMPLATES_LOCK}::bigint)`;
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
/** Each severity once, P1 first. */
const severityOrder = (list: readonly Severity[]) => SEVERITIES.filter((s) => list.includes(s));
const outline = (sections: TemplateSection[]) => sections.map((s) => `${s.key}: ${s.title} (${s.type})`);

async function sectionsOf(tx: Tx, templateId: string, version: number) {
  const v = await tx.reportTemplateVersion.findUnique({ where: { templateId_version: { templateId, version } }, select: { sections: true, authorLabel: true, createdAt: true } });
  if (!v) throw new Error(`report template ${templateId} has no version ${version}`);
  return { ...v, sections: templateSectionsSchema.parse(v.sections) };
}

/** The other templates that hold any of `severities` now, and which of them each loses. */
async function planDefaultMoves(tx: Tx, templateId: string | null, severities: Severity[]) {
  if (!severities.length) return [];
  const holders: Holder[] = await tx.reportTemplate.findMany({
    where: { defaultFor: { hasSome: severities }, ...(templateId ? { id: { not: templateId } } : {}) },
    select: { id: true, slug: true, name: true, version: true, defaultFor: true },
    orderBy: { name: "asc" },
  });
  return holders.map((h) => ({ holder: h, lost: h.defaultFor.filter((s) => severities.includes(s)) }));
}

type Moves = Awaited<ReturnType<typeof planDefaultMoves>>;
/** For the audit entry of the template that takes them: ["P1 from incident-report"]. */
const movedText = (moves: Moves) => moves.map(({ holder, lost }) => `${listText(lost)} from ${holder.slug}`);

/** Takes the severities off their former templates: a new version of each, audited, saying where they went. */
async function applyDefaultMoves(tx: Tx, actor: Actor, to: { slug: string; name: string }, moves: Moves) {
  for (const { holder: h, lost } of moves) {
    const keep = h.defaultFor.filter((s) => !lost.includes(s));
    const version = h.version + 1;
    const { sections } = await sectionsOf(tx, h.id, h.version);
    const note = `Default for ${listText(lost)} moved to ${to.name}`;
    await tx.reportTemplateVersion.create({ data: { templateId: h.id, version, sections, note, authorId: actor.id, authorLabel: actor.label } });
    await tx.reportTemplate.update({ where: { id: h.id }, data: { defaultFor: keep, version } });
    await appendAudit(tx, {
      actor, verb: "report_template.default_moved", target: { type: TARGET, id: h.id },
      before: { version: h.version, defaultFor: h.defaultFor }, after: { slug: h.slug, version, defaultFor: keep, severities: lost, movedTo: to.slug, note },
    });
  }
  return moves.map(({ holder, lost }): MovedDefault => ({ slug: holder.slug, name: holder.name, severities: lost }));
}

export async function createReportTemplate(actor: Actor, input: CreateReportTemplateInput) {
  const defaultFor = severityOrder(input.defaultFor);
  return db.$transaction(async (tx) => {
    await lock(tx);
    const base = slugify(input.name);
    const taken = await tx.reportTemplate.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
    const slug = freeSlug(base, taken.map((t) => t.slug), RESERVED_REPORT_SLUGS);
    const moves = await planDefaultMoves(tx, null, defaultFor);
    const row = await tx.reportTemplate.create({ data: { slug, name: input.name, description: input.description, defaultFor }, select: { id: true } });
    await tx.reportTemplateVersion.create({ data: { templateId: row.id, version: 1, sections: input.sections, note: "Created", authorId: actor.id, authorLabel: actor.label } });
    await appendAudit(tx, {
      actor, verb: "report_template.create", target: { type: TARGET, id: row.id },
      after: { slug, name: input.name, description: input.description, version: 1, defaultFor, sections: outline(input.sections), defaultsTakenFrom: movedText(moves) },
    });
    const moved = await applyDefaultMoves(tx, actor, { slug, name: input.name }, moves);
    return { id: row.id, slug, version: 1, moved };
  });
}

async function lockedTemplate(tx: Tx, slug: string) {
  await lock(tx);
  const t = await tx.reportTemplate.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, description: true, defaultFor: true, version: true, archived: true } });
  if (!t) throw new NotFoundError("That report template does not exist (reload the templates list).");
  return t;
}


/**
 * Saves a template as its next version. The editor sends the version it started from: if someone
 * saved another since, nothing is written and the message names who saved which version when.
 */
export async function updateReportTemplate(actor: Actor, input: UpdateReportTemplateInput) {
  const defaultFor = severityOrder(input.defaultFor);
  return db.$transaction(async (tx) => {
    const t = await lockedTemplate(tx, input.slug);
    const current = await sectionsOf(tx, t.id, t.version);
    if (t.version !== input.fromVersion) {
      throw new ConflictError(staleSaveMessage({ by: current.authorLabel, version: t.version, at: current.createdAt }, input.fromVersion));
    }
    if (t.archived && defaultFor.length) {
      const message = "An archived template cannot be a default: restore it first.";
      throw new ValidationError(message, { defaultFor: [message] });
    }
    const unchanged = t.name === input.name && t.description === input.description && sameList(t.defaultFor, defaultFor)
      && JSON.stringify(current.sections) === JSON.stringify(input.sections);
    if (unchanged) return { version: t.version, changed: false, moved: [] as MovedDefault[] };

    const version = t.version + 1;
    const moves = await planDefaultMoves(tx, t.id, defaultFor);
    await tx.reportTemplateVersion.create({ data: { templateId: t.id, version, sections: input.sections, note: input.note, authorId: actor.id, authorLabel: actor.label } });
    await tx.reportTemplate.update({ where: { id: t.id }, data: { name: input.name, description: input.description, defaultFor, version } });
    await appendAudit(tx, {
      actor, verb: "report_template.update", target: { type: TARGET, id: t.id },
      before: { version: t.version, name: t.name, description: t.description, defaultFor: t.defaultFor, sections: outline(current.sections) },
      after: { slug: t.slug, version, name: input.name, description: input.description, defaultFor, sections: outline(input.sections), note: input.note, defaultsTakenFrom: movedText(moves) },
    });
    const moved = await applyDefaultMoves(tx, actor, { slug: t.slug, name: input.name }, moves);
    return { version, changed: true, moved };
  });
}

/** Archived templates are offered to no new report. A default is never archived: its severities would have none. */
export async function setReportTemplateArchived(actor: Actor, slug: string, archived: boolean) {
  return db.$transaction(async (tx) => {
    const t = await lockedTemplate(tx, slug);
    if (t.archived === archived) return { changed: false };
    const blocked = archived ? archiveBlockedReason(t) : null;
    if (blocked) throw new ValidationError(blocked);
    await tx.reportTemplate.update({ where: { id: t.id }, data: { archived } });
    await appendAudit(tx, { actor, verb: archived ? "report_template.archive" : "report_template.restore", target: { type: TARGET, id: t.id }, after: { slug, name: t.name, version: t.version } });
    return { changed: true };
  });
}
