// Follow-up rules free of any database: action item statuses, when an action item is overdue,
// and how a due date typed by a person is read.
export const ACTION_STATUSES = ["open", "in_progress", "done", "wont_do"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/** The statuses still asking for work: only these can be overdue. */
export const ACTIVE_ACTION_STATUSES: readonly ActionStatus[] = ["open", "in_progress"];

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  wont_do: "Won't do",
};

/** An open or in-progress action item past its due date; one without a due date never is. */
export function isActionItemOverdue(item: { status: ActionStatus; dueAt: Date | null }, now: Date): boolean {
  return ACTIVE_ACTION_STATUSES.includes(item.status) && item.dueAt !== null && item.dueAt.getTime() < now.getTime();
}

/**
 * A due date from a form: "YYYY-MM-DD" means the end of that day (UTC), a bare
 * "YYYY-MM-DDTHH:mm" from a datetime-local input is UTC. Past dates are allowed: a follow-up
 * written down late can already be overdue.
 */
export function parseDueAt(value: string): Date | null {
  const v = value.trim();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(v);
  const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v);
  const d = new Date(day ? `${v}T23:59:59.999Z` : local ? `${v}Z` : v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "3 h overdue", "2 d overdue", "due in 40 min": the distance a tired human reads at a glance. */
export function formatDueDistance(dueAt: number, now: number): string {
  const ms = Math.abs(dueAt - now);
  const min = Math.round(ms / 60_000);
  const span = min < 60 ? `${Math.max(min, 1)} min` : min < 48 * 60 ? `${Math.round(min / 60)} h` : `${Math.round(min / 1440)} d`;
  return dueAt < now ? `${span} overdue` : `due in ${span}`;
}
