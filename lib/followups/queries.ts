import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { BUCKETS, BUCKET_NAMES, bucketDueAt, isItemOverdue, type Bucket } from "@/lib/reports/buckets";
import { listChecklistTemplates } from "@/lib/reports/template-queries";
import { isActionItemOverdue, type ActionStatus } from "@/lib/followups/rules";

// Reads of one incident's post-incident work. Due times go out as ISO strings so the browser can
// keep the overdue highlight current as the clock moves, without a refetch.

export type ChecklistItemView = { id: string; text: string; checkedAt: string | null; checkedByLabel: string | null; overdue: boolean };
export type BucketView = { bucket: Bucket; label: string; range: string; dueAt: string | null; items: ChecklistItemView[] };
export type ChecklistView = { id: string; name: string; createdByLabel: string; createdAt: string; buckets: BucketView[] };
export type ActionItemView = {
  id: string; title: string; status: ActionStatus; dueAt: string | null; trackerUrl: string | null; version: number;
  owner: { id: string; name: string } | null; createdByLabel: string; updatedAt: string; overdue: boolean;
};
export type IncidentFollowups = {
  resolvedAt: string | null;
  checklists: ChecklistView[];
  actionItems: ActionItemView[];
  /** templates not on the incident yet, for the "Add checklist" picker */
  templates: { id: string; name: string; isDefault: boolean; items: number }[];
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const getIncidentFollowups = cache(async (incidentId: string): Promise<IncidentFollowups> => {
  const [incident, checklists, actionItems, templates] = await Promise.all([
    db.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { resolvedAt: true } }),
    db.checklist.findMany({
      where: { incidentId },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, templateId: true, createdByLabel: true, createdAt: true, items: { orderBy: { position: "asc" }, select: { id: true, bucket: true, text: true, checkedAt: true, checkedByLabel: true } } },
    }),
    db.actionItem.findMany({
      where: { incidentId },
      orderBy: [{ createdAt: "asc" }],
      select: { id: true, title: true, status: true, dueAt: true, trackerUrl: true, version: true, createdByLabel: true, updatedAt: true, owner: { select: { id: true, name: true } } },
    }),
    listChecklistTemplates(),
  ]);
  const now = new Date();
  const resolvedAt = incident.resolvedAt;
  const have = new Set(checklists.map((c) => c.templateId));
  return {
    resolvedAt: iso(resolvedAt),
    checklists: checklists.map((c) => ({
      id: c.id, name: c.name, createdByLabel: c.createdByLabel, createdAt: c.createdAt.toISOString(),
      buckets: BUCKET_NAMES.map((bucket) => ({
        bucket, label: BUCKETS[bucket].label, range: BUCKETS[bucket].range, dueAt: iso(bucketDueAt(bucket, resolvedAt)),
        items: c.items.filter((i) => i.bucket === bucket).map((i) => ({
          id: i.id, text: i.text, checkedAt: iso(i.checkedAt), checkedByLabel: i.checkedByLabel,
          overdue: isItemOverdue({ bucket, checkedAt: i.checkedAt }, resolvedAt, now),
        })),
      })).filter((b) => b.items.length),
    })),
    actionItems: actionItems.map((a) => ({
      ...a, dueAt: iso(a.dueAt), updatedAt: a.updatedAt.toISOString(), overdue: isActionItemOverdue(a, now),
    })),
    templates: templates.filter((t) => !have.has(t.id)).map((t) => ({ id: t.id, name: t.name, isDefault: t.isDefault, items: t.items.length })),
  };
});
