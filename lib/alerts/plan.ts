// What an incoming notification changes, alert by alert, given what Sitrep already holds.
// Pure, so the idempotency rules are unit-tested: a retried or repeated delivery changes nothing.
import type { IncomingAlert } from "@/lib/alerts/normalize";

export type Known = { fingerprint: string; status: "firing" | "resolved"; startsAt: Date; endsAt: Date | null; incidentId?: string | null };

export type Change =
  /** first seen, firing */
  | { kind: "fired"; alert: IncomingAlert }
  /** it had resolved and fires again (a new startsAt) */
  | { kind: "refired"; alert: IncomingAlert }
  | { kind: "resolved"; alert: IncomingAlert }
  /** first seen already resolved (Sitrep missed the firing): kept, but opens nothing */
  | { kind: "resolved-unseen"; alert: IncomingAlert }
  /** firing all along but on no incident (it fired while silenced): opens one unless still silenced */
  | { kind: "surfaced"; alert: IncomingAlert }
  /** a repeat, a retry or an out-of-date delivery */
  | { kind: "same"; alert: IncomingAlert };

export function planChanges(incoming: IncomingAlert[], known: Map<string, Known>): Change[] {
  // One notification may list an alert once only; if a sender repeats it, the last one counts.
  const latest = new Map(incoming.map((a) => [a.fingerprint, a]));
  return [...latest.values()].map((alert): Change => {
    const k = known.get(alert.fingerprint);
    if (alert.status === "firing") {
      if (!k) return { kind: "fired", alert };
      if (k.status === "firing") {
        // A later start while Sitrep still holds it firing: the resolve in between was lost
        // (Sitrep down past Alertmanager's memory, send_resolved off). It is a new firing.
        if (alert.startsAt.getTime() > k.startsAt.getTime()) return { kind: "refired", alert };
        return k.incidentId === null ? { kind: "surfaced", alert } : { kind: "same", alert };
      }
      // A retry of the firing that came before the resolve is stale, not a new firing.
      const endedAt = k.endsAt?.getTime() ?? k.startsAt.getTime();
      return alert.startsAt.getTime() > endedAt || alert.startsAt.getTime() > k.startsAt.getTime()
        ? { kind: "refired", alert }
        : { kind: "same", alert };
    }
    if (!k) return { kind: "resolved-unseen", alert };
    if (k.status === "resolved") return { kind: "same", alert };
    // A resolve for an earlier firing than the one Sitrep holds is out of date.
    return alert.startsAt.getTime() < k.startsAt.getTime() ? { kind: "same", alert } : { kind: "resolved", alert };
  });
}

export const opens = (c: Change) => c.kind === "fired" || c.kind === "refired" || c.kind === "surfaced";
