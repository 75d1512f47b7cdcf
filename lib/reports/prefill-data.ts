import "server-only";
import type { Tx } from "@/lib/db";
import { actionEventText } from "@/lib/actions/event-text";
import { getActiveCatalog } from "@/lib/services/catalog-store";
import type { PrefillData, PrefillEvent } from "@/lib/reports/prefill";

const person = { select: { name: true } } as const;
const PINNED_MAX = 50;

/** One line for a pinned event: a note's first line, an action's own sentence, else its kind. */
function pinnedText(e: { kind: string; body: string | null; data: unknown; actorLabel: string }): string {
  const data = (e.data ?? {}) as Record<string, unknown>;
  if (e.kind === "note" && e.body) return e.body.trim().split("\n")[0].slice(0, 200);
  if (e.kind === "action") return actionEventText(data, e.actorLabel);
  if (e.kind === "status") return `Status: ${String((data.from as { status?: string })?.status ?? "?")} → ${String(data.status ?? "?")} (${e.actorLabel})`;
  if (e.kind === "severity") return `Severity: ${String((data.from as { severity?: string })?.severity ?? "?")} → ${String(data.severity ?? "?")} (${e.actorLabel})`;
  return `${e.kind} (${e.actorLabel})`;
}

/** Everything a new report prefills from, read inside the creating transaction (one consistent view). */
export async function loadPrefillData(tx: Tx, incidentId: string): Promise<PrefillData> {
  // One after another: queries on one transaction's connection cannot run side by side.
  const incident = await tx.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: {
      number: true, title: true, summary: true, severity: true, services: true, startedAt: true, acknowledgedAt: true,
      investigatingAt: true, identifiedAt: true, mitigatedAt: true, resolvedAt: true, commander: person, scribe: person, comms: person,
    },
  });
  const pinned = await tx.timelineEvent.findMany({
    where: { incidentId, pinned: true },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    take: PINNED_MAX,
    select: { kind: true, body: true, data: true, actorLabel: true, occurredAt: true },
  });
  const runs = await tx.actionRun.findMany({
    // What was executed: requests still waiting, or denied, are not part of the resolution.
    where: { incidentId, startedAt: { not: null } },
    orderBy: { startedAt: "asc" },
    select: { action: true, service: true, status: true, verifyStatus: true, requestedByLabel: true, approvedByLabel: true, startedAt: true },
  });
  const runbookRuns = await tx.runbookRun.findMany({ where: { incidentId, drill: false }, select: { runbook: { select: { title: true, mttrMinutes: true } } } });
  // The catalog's title ("Restart NATS") reads better than the action's name ("restart").
  const { catalog } = runs.length ? await getActiveCatalog(tx) : { catalog: { services: [] } };
  const titleOf = (service: string, action: string) => catalog.services.find((s) => s.slug === service)?.actions.find((a) => a.name === action)?.title ?? action;
  const targets = runbookRuns.flatMap((r) => (r.runbook.mttrMinutes ? [{ minutes: r.runbook.mttrMinutes, runbook: r.runbook.title }] : []));
  return {
    incident: { ...incident, commander: incident.commander?.name ?? null, scribe: incident.scribe?.name ?? null, comms: incident.comms?.name ?? null },
    pinned: pinned.map((e): PrefillEvent => ({ at: e.occurredAt, text: pinnedText(e) })),
    actions: runs.map((r) => ({
      at: r.startedAt!, title: titleOf(r.service, r.action), service: r.service, status: r.status, verify: r.verifyStatus === "passed" || r.verifyStatus === "failed" ? r.verifyStatus : null,
      by: r.requestedByLabel, approvedBy: r.approvedByLabel,
    })),
    mttrTarget: targets.sort((a, b) => a.minutes - b.minutes)[0] ?? null,
  };
}
