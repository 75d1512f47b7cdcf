// A runbook timeline event as one line of text: the incident timeline, the war room and the
// report all say it the same way ("Step 3 'Restart NATS' done by alice").
export function runbookEventText(d: Record<string, unknown>, actor: string): string {
  const title = `“${String(d.runbookTitle ?? d.title ?? d.runbook ?? "runbook")}”`;
  switch (d.event) {
    case "started":
      return `${d.drill ? "Drill: started" : "Started"} runbook ${title} (version ${String(d.version)})`;
    case "step":
      return `Step ${String(d.number)} ‘${String(d.title)}’ ${String(d.status)} by ${actor}${d.note ? `: ${String(d.note)}` : ""}`;
    case "vars":
      return `Filled in ${Array.isArray(d.names) ? d.names.join(", ") : "values"} for ${title}`;
    default:
      return `Runbook ${title} ${String(d.event)} (${String(d.marked ?? 0)} step(s) marked)`;
  }
}
