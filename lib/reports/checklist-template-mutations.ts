import "server-only";
import { db, type Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/mutations";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { BUCKET_NAMES } from "@/lib/reports/buckets";
import { checklistItemsSchema, type ChecklistTemplateItem } from "@/lib/reports/template-queries";
import { freeSlug, RESERVED_CHECKLIST_SLUGS, slugify, staleSaveMessage } from "@/lib/reports/template-rules";
import type { CreateChecklistTemplateInput, UpdateChecklistTemplateInput } from "@/lib/reports/template-schemas";

// Checklist templates: items in time buckets counted from the incident's resolution. A checklist
// copies the items when it is added to an incident, so editing a template changes no incident.
// There is no table of old versions: the audit entries keep each save's items, before and after.
const CHECKLIST_TEMPLATES_LOCK = 7_265_312_004; // arbitrary, fixed: "checklist template writes"
const TARGET = "checklist_template";

const lock = (tx: Tx) => tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHECKLIST_TEMPLATES_LOCK}::bigint)`;

/** Items grouped by bucket (immediate, short-term, long-term), each bucket in the order given. */
export function orderItems(items: ChecklistTemplateItem[]): ChecklistTemplateItem[] {
  return BUCKET_NAMES.flatMap((b) => items.filter((i) => i.bucket === b)).map((i) => ({ bucket: i.bucket, text: i.text }));
}

export async function createChecklistTemplate(actor: Actor, input: CreateChecklistTemplateInput) {
  const items = orderItems(input.items);
  return db.$transaction(async (tx) => {
    await lock(tx);
    const base = slugify(input.name);
    const taken = await tx.checklistTemplate.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
    const slug = freeSlug(base, taken.map((t) => t.slug), RESERVED_CHECKLIST_SLUGS);
    const row = await tx.checklistTemplate.create({
      data: { slug, name: input.name, description: input.description, isDefault: input.isDefault, items, updatedById: actor.id, updatedByLabel: actor.label },
      select: { id: true },
    });
    await appendAudit(tx, {
      actor, verb: "checklist_template.create", target: { type: TARGET, id: row.id },
      after: { slug, name: input.name, description: input.description, isDefault: input.isDefault, version: 1, items },
    });
    return { id: row.id, slug, version: 1 };
  });
}

async function lockedTemplate(tx: Tx, slug: string) {
  await lock(tx);
  const t = await tx.checklistTemplate.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, description: true, isDefault: true, archived: true, version: true, items: true, updatedAt: true, updatedByLabel: true },
  });
  if (!t) throw new NotFoundError("That checklist template does not exist (reload the templates list).");
  return t;
}

/** Saves the template as its next version; a save based on an older version is refused, naming who saved since. */
export async function updateChecklistTemplate(actor: Actor, input: UpdateChecklistTemplateInput) {
  const items = orderItems(input.items);
  return db.$transaction(async (tx) => {
    const t = await lockedTemplate(tx, input.slug);
    if (t.version !== input.fromVersion) {
      throw new ConflictError(staleSaveMessage({ by: t.updatedByLabel, version: t.version, at: t.updatedAt }, input.fromVersion));
    }
    const before = orderItems(checklistItemsSchema.parse(t.items));
    const unchanged = t.name === input.name && t.description === input.description && t.isDefault === input.isDefault && JSON.stringify(before) === JSON.stringify(items);
    if (unchanged) return { version: t.version, changed: false };
    const version = t.version + 1;
    await tx.checklistTemplate.update({
      where: { id: t.id },
      data: { name: input.name, description: input.description, isDefault: input.isDefault, items, version, updatedById: actor.id, updatedByLabel: actor.label },
    });
    await appendAudit(tx, {
      actor, verb: "checklist_template.update", target: { type: TARGET, id: t.id },
      before: { version: t.version, name: t.name, description: t.description, isDefault: t.isDefault, items: before },
      after: { slug: t.slug, version, name: input.name, description: input.description, isDefault: input.isDefault, items },
    });
    return { version, changed: true };
  });
}

/** An archived template is added to no incident and offered to nobody; restoring brings it back as it was. */
export async function setChecklistTemplateArchived(actor: Actor, slug: string, archived: boolean) {
  return db.$transaction(async (tx) => {
    const t = await lockedTemplate(tx, slug);
    if (t.archived === archived) return { changed: false };
    // updatedAt stays the last save's time: the stale-save message quotes it.
    await tx.checklistTemplate.update({ where: { id: t.id }, data: { archived, updatedAt: t.updatedAt } });
    await appendAudit(tx, {
      actor, verb: archived ? "checklist_template.archive" : "checklist_template.restore", target: { type: TARGET, id: t.id },
      after: { slug, name: t.name, version: t.version, isDefault: t.isDefault },
    });
    return { changed: true };
  });
}
