// Line colours: severities always the same (P1 red → P4 gray), services from a palette in order.
// Mid tones, readable on the light and the dark surface alike.
export const SEVERITY_COLORS: Record<string, string> = {
  P1: "#e5484d",
  P2: "#f76b15",
  P3: "#e0a400",
  P4: "#8b95a5",
};

const PALETTE = ["#3b82f6", "#14b8a6", "#a855f7", "#ec4899", "#84cc16", "#06b6d4", "#f97316", "#eab308"];

export type GroupStyle = { key: string; color: string };

export function groupStyles(groups: string[], by: "severity" | "service"): GroupStyle[] {
  return groups.map((key, i) => ({ key, color: by === "severity" ? (SEVERITY_COLORS[key] ?? PALETTE[0]) : PALETTE[i % PALETTE.length] }));
}
