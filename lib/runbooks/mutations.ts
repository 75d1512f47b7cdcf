import "server-only";
import { db, type Prisma, type Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/mutations";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { insertBinding } from "@/lib/runbooks/bind";
import type { ParsedRunbook } from "@/lib/runbooks/parse/types";
import { searchTextOf } from "@/lib/runbooks/derive";
import { parsedJson, sha256 } from "@/lib/runbooks/import-plan";
import { parseSingleRunbook } from "@/lib/runbooks/single";

async function lockRunbook(tx: Tx, slug: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Runbook" WHERE "slug" = ${slug} FOR UPDATE`;
  if (!rows.length) throw new NotFoundError("That runbook does not exist (it may have been renamed by a re-import).");
  return tx.runbook.findUniqueOrThrow({ where: { id: rows[0].id }, select: { id: true, slug: true, sourceKey: true, version: true, lastEditedAt: true, lastEditedBy: true, services: true, alerts: true, tags: true } });
}

/**
 * Saves edited Markdown as a new version. The editor sends the version it started from; if
 * someone saved another meanwhile, nothing is overwritten and the message says who and when.
 */
export async function editRunbook(actor: Actor, input: { slug: string; fromVersion: number; markdown: string; note: string }) {
  const parsed = parseSingleRunbook(input.markdown, input.slug);
  return db.$transaction(async (tx) => {
    const rb = await lockRunbook(tx, input.slug);
    if (rb.version !== input.fromVersion) {
      throw new ConflictError(
        `${rb.lastEditedBy} saved version ${rb.version} at ${rb.lastEditedAt.toISOString().slice(11, 16)} UTC while you were editing version ${input.fromVersion}. Your text is still in the editor: copy it, reload, and merge.`,
      );
    }
    const hash = sha256(input.markdown);
    const latest = await tx.runbookVersion.findFirst({ where: { runbookId: rb.id }, orderBy: { version: "desc" }, select: { sha256: true } });
    if (latest?.sha256 === hash) return { version: rb.version, changed: false };
    const version = rb.version + 1;
    await tx.runbookVersion.create({
      data: { runbookId: rb.id, version, markdown: input.markdown, sha256: hash, parsed: parsedJson({ ...parsed, key: rb.sourceKey }) as Prisma.InputJsonValue, note: input.note || "edited", authorId: actor.id, authorLabel: actor.label },
    });
    await tx.runbook.update({
      where: { id: rb.id },
      data: {
        version, title: parsed.title.slice(0, 300), kind: parsed.kind, severity: parsed.severity?.level ?? null, mttrMinutes: parsed.mttrMinutes,
        alerts: [...new Set([...rb.alerts, ...parsed.alerts])], searchText: searchTextOf(parsed), lastEditedAt: new Date(), lastEditedBy: actor.label,
      },
    });
    await appendAudit(tx, {
      actor, verb: "runbook.edit", target: { type: "runbook", id: rb.id },
      before: { version: rb.version }, after: { slug: rb.slug, version, sha256: hash, note: input.note },
    });
    return { version, changed: true };
  });
}

/** Links a runbook to services, alert names and tags: what incidents use to suggest it. */
export async function linkRunbook(actor: Actor, input: { slug: string; services: string[]; alerts: string[]; tags: string[] }) {
  return db.$transaction(async (tx) => {
    const rb = await lockRunbook(tx, input.slug);
    const after = { services: input.services, alerts: input.alerts, tags: input.tags };
    await tx.runbook.update({ where: { id: rb.id }, data: after });
    await appendAudit(tx, {
      actor, verb: "runbook.link", target: { type: "runbook", id: rb.id },
      before: { services: rb.services, alerts: rb.alerts, tags: rb.tags }, after: { slug: rb.slug, ...after },
    });
  });
}

export async function setRunbookArchived(actor: Actor, slug: string, archived: boolean) {
  return db.$transaction(async (tx) => {
    const rb = await lockRunbook(tx, slug);
    await tx.runbook.update({ where: { id: rb.id }, data: { archived } });
    await appendAudit(tx, { actor, verb: archived ? "runbook.archive" : "runbook.restore", target: { type: "runbook", id: rb.id }, after: { slug } });
  });
}

/** Binds one step to a catalog action: a new version whose Markdown carries a sitrep-action block. */
export async function bindRunbookStep(actor: Actor, input: { slug: string; fromVersion: number; step: string; service: string; action: string }) {
  const current = await db.runbookVersion.findFirst({ where: { version: input.fromVersion, runbook: { slug: input.slug } }, select: { markdown: true, parsed: true } });
  if (!current) throw new NotFoundError("That runbook version does not exist; reload the page.");
  const markdown = insertBinding(current.markdown, current.parsed as unknown as ParsedRunbook, input.step, input);
  if (markdown === null) throw new ValidationError("That step is not in this version of the runbook; reload the page.");
  return editRunbook(actor, { slug: input.slug, fromVersion: input.fromVersion, markdown, note: `step ${input.step} bound to ${input.service}/${input.action}` });
}
