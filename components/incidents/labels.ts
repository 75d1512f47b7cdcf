import { STATUSES, type Severity, type Status } from "@/lib/incidents/rules";

export const STATUS_LABELS: Record<Status, string> = {
  triggered: "Triggered",
  acknowledged: "Acknowledged",
  investigating: "Investigating",
  identified: "Identified",
  mitigated: "Mitigated",
  resolved: "Resolved",
  closed: "Closed",
};

/** The button that moves an incident to its next state, named for what the person does. */
export const NEXT_STEP: Partial<Record<Status, { to: Status; label: string }>> = {
  triggered: { to: "acknowledged", label: "Acknowledge" },
  acknowledged: { to: "investigating", label: "Start investigating" },
  investigating: { to: "identified", label: "Mark identified" },
  identified: { to: "mitigated", label: "Mark mitigated" },
  mitigated: { to: "resolved", label: "Resolve" },
  resolved: { to: "closed", label: "Close" },
};

/** An open state a resolved or closed incident may go back to. */
export const REOPEN_TARGETS: readonly Status[] = ["investigating", "acknowledged", "identified", "mitigated"];

export const laterStatuses = (s: Status) => STATUSES.slice(STATUSES.indexOf(s) + 1);

// Solid fills with dark or white text: readable on both themes, and P1 is unmistakable.
export const SEVERITY_CLASS: Record<Severity, string> = {
  P1: "bg-red-600 text-white border-red-700",
  P2: "bg-orange-500 text-black border-orange-600",
  P3: "bg-yellow-300 text-black border-yellow-500",
  P4: "bg-slate-500 text-white border-slate-600",
};

export const STATUS_CLASS: Record<Status, string> = {
  triggered: "border-danger/50 bg-danger/10 text-danger",
  acknowledged: "border-warning/50 bg-warning/10 text-warning",
  investigating: "border-accent/50 bg-accent/10 text-accent",
  identified: "border-accent/50 bg-accent/10 text-accent",
  mitigated: "border-ok/50 bg-ok/10 text-ok",
  resolved: "border-ok/50 bg-ok/10 text-ok",
  closed: "border-border bg-surface-2 text-muted",
};
