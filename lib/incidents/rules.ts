// The incident domain's rules, free of any database: severities and their targets, the
// lifecycle and which moves it allows. See ../shared/ARCHITECTURE.md, "Domain rules".

export const SEVERITIES = ["P1", "P2", "P3", "P4"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ["triggered", "acknowledged", "investigating", "identified", "mitigated", "resolved", "closed"] as const;
export type Status = (typeof STATUSES)[number];

export const OPEN_STATUSES: readonly Status[] = ["triggered", "acknowledged", "investigating", "identified", "mitigated"];

/** Every incident must be acknowledged within 5 minutes, whatever its severity. */
export const ACK_TARGET_MS = 5 * 60_000;

type SeverityInfo = { label: string; responseTargetMs: number | null; responseTarget: string };

export const SEVERITY_INFO: Record<Severity, SeverityInfo> = {
  P1: { label: "Critical", responseTargetMs: 15 * 60_000, responseTarget: "under 15 minutes" },
  P2: { label: "High", responseTargetMs: 60 * 60_000, responseTarget: "under 1 hour" },
  P3: { label: "Medium", responseTargetMs: 4 * 60 * 60_000, responseTarget: "under 4 hours" },
  // "Next business day" has no fixed length: see responseDeadline().
  P4: { label: "Low", responseTargetMs: null, responseTarget: "next business day" },
};

/**
 * When the response target runs out for an incident that started at `startedAt`. P4's "next
 * business day" ends at the end of the next weekday (UTC), skipping Saturday and Sunday.
 */
export function responseDeadline(severity: Severity, startedAt: Date): Date {
  const ms = SEVERITY_INFO[severity].responseTargetMs;
  if (ms !== null) return new Date(startedAt.getTime() + ms);
  const d = new Date(Date.UTC(startedAt.getUTCFullYear(), startedAt.getUTCMonth(), startedAt.getUTCDate() + 1, 23, 59, 59, 999));
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

const rank = (s: Status) => STATUSES.indexOf(s);

/** The timestamp column each status stamps when it is reached. */
export const STATUS_STAMP = {
  acknowledged: "acknowledgedAt",
  investigating: "investigatingAt",
  identified: "identifiedAt",
  mitigated: "mitigatedAt",
  resolved: "resolvedAt",
  closed: "closedAt",
} as const satisfies Partial<Record<Status, string>>;

export type StampField = (typeof STATUS_STAMP)[keyof typeof STATUS_STAMP];

export type Move = { ok: true; kind: "forward" | "reopen" } | { ok: false; reason: string };

/**
 * Moving forward may skip states (triggered → mitigated is fine); moving back is only allowed
 * as an explicit reopen, to a working state (acknowledged, investigating, identified, mitigated).
 */
export function checkMove(from: Status, to: Status, reopen = false): Move {
  if (from === to) return { ok: false, reason: `The incident is already ${to}.` };
  if (rank(to) > rank(from)) return { ok: true, kind: "forward" };
  if (!reopen) return { ok: false, reason: `Moving from ${from} back to ${to} is a reopen: use Reopen.` };
  if (!OPEN_STATUSES.includes(to) || to === "triggered") {
    return { ok: false, reason: "An incident reopens to acknowledged, investigating, identified or mitigated." };
  }
  return { ok: true, kind: "reopen" };
}

type Stamps = Partial<Record<StampField, Date | null>>;

/**
 * The timestamps a move sets. Forward: every state reached (including skipped ones) gets `at`
 * unless it was already stamped, so "acknowledged" is never later than "resolved". Reopen: the
 * stamps of states after the new one are cleared, their times stay on the timeline.
 */
export function stampsFor(from: Status, to: Status, current: Stamps, at: Date): Stamps {
  const out: Stamps = {};
  for (const status of STATUSES) {
    const field = STATUS_STAMP[status as keyof typeof STATUS_STAMP];
    if (!field) continue;
    if (rank(status) <= rank(to)) {
      if (rank(status) > rank(from) && !current[field]) out[field] = at;
    } else if (rank(to) < rank(from) && current[field]) {
      out[field] = null;
    }
  }
  return out;
}

export const isOpen = (s: Status) => OPEN_STATUSES.includes(s);

export const incidentRef = (n: number) => `INC-${n}`;

/** Accepts "INC-42", "inc-42", "#42" or "42". */
export function parseIncidentRef(ref: string): number | null {
  const m = /^(?:inc-|#)?(\d{1,9})$/i.exec(ref.trim());
  return m ? Number(m[1]) : null;
}
