import "server-only";
import { createChangeCache } from "@/lib/live/change-cache";
import { getIncidentByNumber, getTimeline, listOpenIncidents, type IncidentDetail, type TimelineEntry } from "@/lib/incidents/queries";
import { activeRunMttr, listRunSummaries, type RunSummary } from "@/lib/runbooks/run-queries";
import { getOverdueSummary, type OverdueSummary } from "@/lib/followups/overdue";

// The war room's data, as plain JSON: the server component hands it to react-query as initial
// data and GET /api/war-room serves the same shape on every live refetch.

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function boardIncident(i: IncidentDetail, runbookMttr: Map<string, number> = new Map(), overdue: Map<string, number> = new Map()) {
  return {
    /** follow-ups (checklist and action items) of this incident past their due time */
    overdueFollowups: overdue.get(i.id) ?? 0,
    /** the MTTR target of the runbooks being run on it (the tightest), if any say one */
    runbookMttrMinutes: runbookMttr.get(i.id) ?? null,
    id: i.id, number: i.number, title: i.title, severity: i.severity, status: i.status, services: i.services,
    startedAt: i.startedAt.toISOString(), acknowledgedAt: iso(i.acknowledgedAt), mitigatedAt: iso(i.mitigatedAt), resolvedAt: iso(i.resolvedAt),
    commander: i.commander ? { id: i.commander.id, name: i.commander.name } : null,
  };
}
export type WarRoomIncident = ReturnType<typeof boardIncident>;

function timelineEntry(e: TimelineEntry) {
  return { id: e.id, kind: e.kind, occurredAt: e.occurredAt.toISOString(), actorLabel: e.actorLabel, body: e.body, data: e.data, pinned: e.pinned };
}
export type WarRoomEvent = ReturnType<typeof timelineEntry>;

export type WarRoomData = {
  serverTime: string;
  incidents: WarRoomIncident[];
  /** The selected incident (?incident=<number>, else the most severe, oldest open one). */
  selected: { incident: WarRoomIncident; timeline: WarRoomEvent[]; runs: RunSummary[] } | null;
  /** Overdue follow-ups: a count per incident (open ones on their cards) and the oldest few. */
  overdue: OverdueSummary;
};

const TIMELINE_LIMIT = 50;

const cached = createChangeCache<Omit<WarRoomData, "serverTime">>();

export async function getWarRoom(selectedNumber: number | null): Promise<WarRoomData> {
  // Follow-ups fall overdue as time passes, with no audit entry to move the seq: the minute in
  // the key bounds how stale the overdue set can be.
  const minute = Math.floor(Date.now() / 60_000);
  const data = await cached(`${selectedNumber ?? ""}@${minute}`, () => loadWarRoom(selectedNumber));
  return { serverTime: new Date().toISOString(), ...data };
}

async function loadWarRoom(selectedNumber: number | null): Promise<Omit<WarRoomData, "serverTime">> {
  const [open, overdue] = await Promise.all([listOpenIncidents(), getOverdueSummary()]);
  const mttr = await activeRunMttr(open.map((i) => i.id));
  const overdueBy = new Map(overdue.groups.map((g) => [g.incidentId, g.count]));
  const incidents = open.map((i) => boardIncident(i, mttr, overdueBy));
  const asked = selectedNumber ? (incidents.find((i) => i.number === selectedNumber) ?? (await findIncident(selectedNumber))) : undefined;
  const chosen = asked ?? incidents[0];
  if (!chosen) return { incidents, selected: null, overdue };
  const [events, runs] = await Promise.all([getTimeline(chosen.id, "all", TIMELINE_LIMIT), listRunSummaries(chosen.id)]);
  return { incidents, selected: { incident: chosen, timeline: events.map(timelineEntry), runs }, overdue };
}

/** A resolved or closed incident stays selectable by URL, though it has left the board. */
async function findIncident(number: number) {
  const i = await getIncidentByNumber(number);
  return i ? boardIncident(i) : undefined;
}
