// One line per recovery-action event, for the incident timeline and the war room. Pure.

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : String(v));
const paramsText = (p: unknown) => {
  const entries = p && typeof p === "object" ? Object.entries(p as Data) : [];
  return entries.length ? ` (${entries.map(([k, v]) => `${k}=${str(v)}`).join(", ")})` : "";
};
const STATUS: Record<string, string> = { succeeded: "succeeded", failed: "failed", timed_out: "timed out" };

function finishText(d: Data, what: string): string {
  const took = typeof d.durationMs === "number" ? ` in ${(d.durationMs / 1000).toFixed(1)} s` : "";
  const health = d.healthBefore || d.healthAfter ? ` · health ${str(d.healthBefore) || "?"} → ${str(d.healthAfter) || "?"}` : "";
  const why = d.error ? `: ${str(d.error)}` : "";
  return `${what} ${STATUS[str(d.status)] ?? str(d.status)}${took}${why}${health}`;
}

export function actionEventText(d: Data, actor: string): string {
  const what = `${str(d.service)}/${str(d.action)}`;
  switch (d.event) {
    case "action.request":
      return `${actor} requested ${str(d.title) || what}${paramsText(d.params)} on ${str(d.service)}${d.status === "awaiting_approval" ? ": waiting for a second person's approval" : ""}`;
    case "action.approve": return `${actor} approved ${what} (confirmed by ${str(d.confirmedBy)}; valid until ${str(d.expiresAt).slice(11, 16)} UTC)`;
    case "action.deny": return d.withdrawn ? `${actor} withdrew the request for ${what}` : `${actor} denied ${what}${d.reason ? `: ${str(d.reason)}` : ""}`;
    case "action.dry_run": return `${actor} dry-ran ${str(d.title) || what}${paramsText(d.params)}: ${str(d.summary)} (nothing executed)`;
    case "action.start": return `${what} started by ${actor}`;
    case "action.finish": return finishText(d, what);
    case "action.verify": {
      const verdict = d.verifyStatus === "passed" ? "verified" : "did not verify";
      return `${what} ${verdict}: ${str(d.detail)}${d.rollbackOffered ? ` · rollback offered: ${str(d.rollbackOffered)}` : ""}`;
    }
    case "action.interrupted": return d.outcomeUnknown ? `${what}: ${str(d.reason)}` : `${what} interrupted: ${str(d.reason)}`;
    case "action.expire": return `${what} expired unstarted: ${str(d.reason)}`;
    default: return `${what}: ${str(d.event)}`;
  }
}

/** How the event reads at a glance: good, bad, waiting, or neutral. */
export function actionEventTone(d: Data): "ok" | "danger" | "warning" | "muted" {
  if (d.event === "action.finish") return d.status === "succeeded" ? "ok" : "danger";
  if (d.event === "action.verify") return d.verifyStatus === "passed" ? "ok" : "danger";
  if (d.event === "action.interrupted" || d.event === "action.deny") return "danger";
  if (d.event === "action.expire") return "warning";
  if (d.event === "action.request" && d.status === "awaiting_approval") return "warning";
  return "muted";
}
