import "server-only";
import { db } from "@/lib/db";
import { ingestGroup } from "@/lib/alerts/ingest";
import type { IncomingGroup } from "@/lib/alerts/normalize";

// An alert that fired while silenced is stored on no incident. When its silence ends (lifted,
// or run out) and it still fires, it must open (or join) an incident at once: Alertmanager
// repeats a firing alert only every repeat_interval (4 h by default), and a threshold rule sends
// transitions only. This sends such alerts through the pipeline again, as "surfaced".

const text = (json: unknown): Record<string, string> =>
  json && typeof json === "object" ? Object.fromEntries(Object.entries(json).filter((e): e is [string, string] => typeof e[1] === "string")) : {};

/** Routes firing alerts that sit on no incident and are no longer silenced; returns how many groups it sent. */
export async function surfaceUnsilenced(limit = 200): Promise<number> {
  const now = new Date();
  const rows = await db.alert.findMany({
    where: { status: "firing", incidentId: null },
    select: {
      fingerprint: true, alertname: true, severity: true, labels: true, annotations: true, summary: true, startsAt: true, generatorUrl: true, runbookUrl: true,
      runbook: { select: { slug: true } }, group: { select: { source: true, groupKey: true, receiver: true, labels: true } },
    },
    take: limit,
  });
  if (!rows.length) return 0;
  const silenced = new Set((await db.alertSilence.findMany({
    where: { fingerprint: { in: rows.map((r) => r.fingerprint) }, endedAt: null, endsAt: { gt: now } }, select: { fingerprint: true },
  })).map((s) => s.fingerprint));
  const groups = new Map<string, IncomingGroup>();
  for (const r of rows.filter((x) => !silenced.has(x.fingerprint))) {
    const key = `${r.group.source}\u0000${r.group.groupKey}`;
    const g = groups.get(key) ?? { source: r.group.source as IncomingGroup["source"], groupKey: r.group.groupKey, receiver: r.group.receiver, labels: text(r.group.labels), title: null, description: "", alerts: [] };
    const annotations = text(r.annotations);
    g.alerts.push({
      fingerprint: r.fingerprint, alertname: r.alertname, status: "firing", severity: r.severity, labels: text(r.labels), annotations,
      summary: r.summary, startsAt: r.startsAt, endsAt: null, generatorUrl: r.generatorUrl, runbookRef: r.runbook?.slug ?? r.runbookUrl ?? null,
    });
    if (!g.description && annotations.description) g.description = annotations.description;
    groups.set(key, g);
  }
  for (const g of groups.values()) await ingestGroup(g);
  return groups.size;
}
