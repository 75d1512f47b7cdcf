// One line per alert event on a timeline (incident page, war room, report). No server imports.

const str = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : String(v));
const hhmm = (iso: unknown) => (typeof iso === "string" ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "");

/** "RunnerDown, DiskFull and 10 more" for an event that stands for many alerts. */
function many(d: Record<string, unknown>): string {
  const names = Array.isArray(d.alertnames) ? d.alertnames.map(str) : [str(d.alertname)];
  const rest = Number(d.count) - names.length;
  return `${d.count} alerts (${names.slice(0, 3).join(", ")}${names.length > 3 || rest > 0 ? ` and ${Number(d.count) - Math.min(3, names.length)} more` : ""})`;
}

export function alertEventText(d: Record<string, unknown>): string {
  if (typeof d.count === "number" && d.count > 1) {
    const verb = d.event === "resolved" ? "resolved" : d.event === "refired" ? "firing again" : "firing";
    return `${many(d)} ${verb}${d.service ? ` on ${str(d.service)}` : ""}${d.event === "resolved" ? "" : ` (${str(d.severity)})`}`;
  }
  const name = str(d.alertname) || "An alert";
  const where = d.service ? ` on ${str(d.service)}` : "";
  const summary = d.summary ? `: ${str(d.summary)}` : "";
  switch (d.event) {
    case "fired": return `Alert ${name} firing${where} (${str(d.severity)})${summary}`;
    case "refired": return `Alert ${name} firing again${where} (${str(d.severity)})${summary}`;
    case "resolved": return `Alert ${name} resolved${where}`;
    case "silenced": return `Alert ${name} silenced until ${hhmm(d.until)}: ${str(d.reason)}`;
    case "unsilenced": return `Alert ${name} no longer silenced`;
    case "joined": return `${str(d.why) || "An alert group joined this incident"}${Array.isArray(d.added) && d.added.length ? ` (added ${d.added.map(str).join(", ")} to the affected services)` : ""}`;
    default: return `Alert ${name}: ${str(d.event)}`;
  }
}

export function alertEventTone(d: Record<string, unknown>): "danger" | "ok" | "warning" | "muted" {
  return d.event === "fired" || d.event === "refired" ? "danger" : d.event === "resolved" ? "ok" : d.event === "joined" ? "warning" : "muted";
}
