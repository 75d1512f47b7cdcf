import type { Severity } from "@/lib/incidents/rules";

export { SEVERITY_CLASS as SEVERITY_HEADING } from "@/components/incidents/labels";

// The card's left bar: the same colours as the severity badges, as a border.
export const SEVERITY_BAR: Record<Severity, string> = {
  P1: "border-l-red-600",
  P2: "border-l-orange-500",
  P3: "border-l-yellow-400",
  P4: "border-l-slate-500",
};
