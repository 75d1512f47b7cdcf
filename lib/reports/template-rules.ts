// Pure rules of the template admin, free of any database: slugs and what a conflict says.

/** Route segments next to /reports/templates/[slug]: a template with one of these slugs would be unreachable. */
export const RESERVED_REPORT_SLUGS = ["new", "checklists"] as const;
export const RESERVED_CHECKLIST_SLUGS = ["new"] as const;

/** "Incident report (P1)" → "incident-report-p1": lower-case ASCII letters, digits and dashes. */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "template";
}

/** `base`, else `base-2`, `base-3`…: the first that is neither taken nor reserved. */
export function freeSlug(base: string, taken: Iterable<string>, reserved: readonly string[] = []): string {
  const used = new Set([...taken, ...reserved]);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** "14:02 UTC" today, "2026-11-30 14:02 UTC" on another day. */
export function savedAtText(at: Date, now = new Date()): string {
  const iso = at.toISOString();
  const time = `${iso.slice(11, 16)} UTC`;
  return iso.slice(0, 10) === now.toISOString().slice(0, 10) ? time : `${iso.slice(0, 10)} ${time}`;
}

/** What a save based on an older version is told: who saved which version, when. */
export function staleSaveMessage(saved: { by: string; version: number; at: Date }, fromVersion: number, now = new Date()): string {
  return (
    `${saved.by} saved version ${saved.version} at ${savedAtText(saved.at, now)} while you were editing version ${fromVersion}. ` +
    "Nothing was overwritten, and your changes are still in the editor: copy what you need, reload, and apply them again."
  );
}

/** "P1", "P1 and P2", "P1, P2 and P3". */
export function listText(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Why a report template cannot be archived now, or null: a default would leave its severities without one. */
export function archiveBlockedReason(t: { name: string; defaultFor: readonly string[] }): string | null {
  return t.defaultFor.length ? `${t.name} is the default for ${listText(t.defaultFor)}: make another template their default first, then archive this one.` : null;
}
