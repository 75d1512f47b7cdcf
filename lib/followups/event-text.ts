// One line per follow-up event (checklists, action items), for the incident timeline and the war
// room. Pure.
import { ACTION_STATUS_LABELS, type ActionStatus } from "@/lib/followups/rules";

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : String(v));
const status = (v: unknown) => ACTION_STATUS_LABELS[v as ActionStatus] ?? str(v);
const due = (v: unknown) => (typeof v === "string" && v ? `, due ${v.slice(0, 10)} ${v.slice(11, 16)} UTC` : "");
const owner = (v: unknown) => (v ? `, owner ${str(v)}` : "");

export function followupEventText(d: Data, actor: string): string {
  const from = (d.from ?? {}) as Data;
  switch (d.event) {
    case "checklist.add":
      return d.automatic ? `“${str(d.name)}” (${str(d.items)} items) added on resolution` : `${actor} added the checklist “${str(d.name)}” (${str(d.items)} items)`;
    case "checklist.check": return `${actor} checked “${str(d.text)}”`;
    case "checklist.uncheck": return `${actor} unchecked “${str(d.text)}”`;
    case "action_item.create": return `${actor} added the action item “${str(d.title)}”${owner(d.owner)}${due(d.dueAt)}`;
    case "action_item.status": return `${actor} marked “${str(d.title)}” ${status(d.status).toLowerCase()}`;
    case "action_item.update": {
      const changes = [
        from.title !== d.title ? `title “${str(from.title)}” → “${str(d.title)}”` : null,
        from.owner !== d.owner ? `owner ${str(from.owner) || "nobody"} → ${str(d.owner) || "nobody"}` : null,
        from.dueAt !== d.dueAt ? `due ${str(from.dueAt).slice(0, 10) || "none"} → ${str(d.dueAt).slice(0, 10) || "none"}` : null,
        from.status !== d.status ? `status ${status(from.status)} → ${status(d.status)}` : null,
        from.trackerUrl !== d.trackerUrl ? "tracker link" : null,
      ].filter(Boolean);
      return `${actor} edited the action item “${str(d.title)}”${changes.length ? `: ${changes.join(", ")}` : ""}`;
    }
    default: return `${actor}: ${str(d.event) || "follow-up"}`;
  }
}
