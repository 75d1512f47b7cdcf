// One line per alert event on a timeline (incident page, war room, report). No server imports.

const str = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : String(v));
const hhmm = (iso: unknown) => (typeof iso === "string" ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "");

export function alertEventText(d: Record<string, unknown>): string {
  const name = str(d.alertname) || "An alert";
  const where = d.service ? ` on ${str(d.service)}` : "";
  const summary = d.summary ? `: ${str(d.summary)}` : "";
  switch (d.event) {
    case "fired": return `Alert ${name} firing${where} (${str(d.severity)})${summary}`;
    case "refired": return `Alert ${name} firing again${where} (${str(d.severity)})${summary}`;
    case "resolved": return `Alert ${name} resolved${where}`;
    case "silenced": return `Alert ${name} silenced until ${hhmm(d.until)}: ${str(d.reason)}`;
    case "unsilenced": return `Alert ${name} no longer silenced`;
    default: return `Alert ${name}: ${str(d.event)}`;
  }
}

export function alertEventTone(d: Record<string, unknown>): "danger" | "ok" | "muted" {
  return d.event === "fired" || d.event === "refired" ? "danger" : d.event === "resolved" ? "ok" : "muted";
}
