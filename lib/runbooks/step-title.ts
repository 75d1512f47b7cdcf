/** A step's name on the timeline: its bold lead ("**Restart NATS**: …") or its first sentence, short. */
export function stepTitle(step: { text: string; markdown: string }): string {
  const bold = /^\s*(?:[-*+]|\d+[.)])?\s*(?:\[[ xX]\]\s*)?\*\*(.+?)\*\*/.exec(step.markdown);
  const first = (bold?.[1] ?? step.text.split(/(?<=[.!?:])\s|\n/)[0] ?? "").replace(/[`*_]/g, "").replace(/[:.]\s*$/, "").trim();
  return first.length > 80 ? `${first.slice(0, 77)}…` : first || "step";
}
