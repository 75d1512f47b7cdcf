import type { Severity } from "@/lib/incidents/rules";

// Strong, unmistakable severity colours for the big screen, the same in both themes.
export const SEVERITY_BAR: Record<Severity, string> = {
  P1: "border-l-red-600",
  P2: "border-l-orange-500",
  P3: "border-l-yellow-400",
  P4: "border-l-slate-500",
};

export const SEVERITY_HEADING: Record<Severity, string> = {
  P1: "bg-red-600 text-white",
  P2: "bg-orange-500 text-black",
  P3: "bg-yellow-300 text-black",
  P4: "bg-slate-500 text-white",
};
