import "server-only";
import { db } from "@/lib/db";

// Tests that open many incidents through the webhook (the fuzzer's legal deliveries, the burst)
// remove them afterwards: unit and e2e tests share one database in CI, and hundreds of open
// incidents would slow every page that lists them. The audit log keeps its entries (append-only).

/** Deletes the alert groups whose key starts with `keyPrefix`, and every incident they opened. */
export async function removeAlertGroups(keyPrefix: string): Promise<number> {
  const groups = await db.alertGroup.findMany({
    where: { groupKey: { startsWith: keyPrefix } },
    select: { id: true, incidentId: true, alerts: { select: { incidentId: true } } },
  });
  const incidents = [...new Set(groups.flatMap((g) => [g.incidentId, ...g.alerts.map((a) => a.incidentId)]))].filter((id): id is string => id !== null);
  await db.alertGroup.deleteMany({ where: { id: { in: groups.map((g) => g.id) } } });
  await db.incident.deleteMany({ where: { id: { in: incidents } } });
  return incidents.length;
}
