// The status a user sees: a failing service whose dependency (direct or further down) is down
// is "impacted", so the war room points at the cause instead of painting everything red.
import type { CheckStatus, HealthStatus } from "@/lib/services/types";

export type Effective = { status: HealthStatus; reason: string | null };

export function effectiveStatus(
  slug: string,
  own: { status: CheckStatus; reason: string | null },
  deps: Map<string, string[]>,
  statusOf: (slug: string) => CheckStatus | undefined,
): Effective {
  if (own.status === "up" || own.status === "unknown") return own;
  const seen = new Set<string>([slug]);
  const queue = [...(deps.get(slug) ?? [])];
  while (queue.length) {
    const d = queue.shift()!;
    if (seen.has(d)) continue;
    seen.add(d);
    if (statusOf(d) === "down") return { status: "impacted", reason: `depends on ${d}, which is down${own.reason ? ` (own check: ${own.reason})` : ""}` };
    queue.push(...(deps.get(d) ?? []));
  }
  return own;
}
