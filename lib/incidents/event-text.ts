// One line for the "merge" and "link" timeline events (incident page, war room). No server imports.
import { incidentRef } from "@/lib/incidents/rules";

const ref = (v: unknown) => incidentRef(Number(v));
const alerts = (n: unknown) => (Number(n) === 1 ? "1 alert" : `${Number(n) || 0} alerts`);

export function mergeEventText(d: Record<string, unknown>): string {
  switch (d.event) {
    case "merged": return `Merged into ${ref(d.other)} (${alerts(d.alerts)} moved)`;
    case "absorbed": {
      const added = Array.isArray(d.added) && d.added.length ? `; added ${d.added.join(", ")} to the affected services` : "";
      return `${ref(d.other)} merged into this incident (${alerts(d.alerts)} moved${added})`;
    }
    case "unmerged": return `Reopened: no longer merged into ${ref(d.other)} (${alerts(d.alerts)} came back)`;
    case "split": return `${ref(d.other)} was reopened and is no longer merged into this incident (${alerts(d.alerts)} went back)`;
    default: return `Merge: ${String(d.event)}`;
  }
}

export function linkEventText(d: Record<string, unknown>): string {
  const title = typeof d.title === "string" && d.title ? ` (${d.title})` : "";
  return d.event === "unlinked" ? `No longer linked to ${ref(d.other)}` : `Linked to ${ref(d.other)}${title}`;
}
