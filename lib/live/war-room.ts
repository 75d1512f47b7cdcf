import "server-only";
import { createChangeCache } from "@/lib/live/change-cache";
import { getIncidentByNumber, getTimeline, listOpenIncidents, type IncidentDetail, type TimelineEntry } from "@/lib/incidents/queries";
import { activeRunMttr, listRunSummaries, type RunSummary } from "@/lib/runbooks/run-queries";

// The war room's data, as plain JSON: the server component hands it to react-query as initial
// data and GET /api/war-room serves the same shape on every live refetch.

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function boardIncident(i: IncidentDetail, runbookMttr: Map<string, number> = new Map()) {
  return {
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
};

const TIMELINE_LIMIT = 50;

const cached = createChangeCache<Omit<WarRoomData, "serverTime">>();

export async function getWarRoom(selectedNumber: number | null): Promise<WarRoomData> {
  const data = await cached(String(selectedNumber ?? ""), () => loadWarRoom(selectedNumber));
  return { serverTime: new Date().toISOString(), ...data };
}

async function loadWarRoom(selectedNumber: number | null): Promise<Omit<WarRoomData, "serverTime">> {
  const open = await listOpenIncidents();
  const mttr = await activeRunMttr(open.map((i) => i.id));
  const incidents = open.map((i) => boardIncident(i, mttr));
  const asked = selectedNumber ? (incidents.find((i) => i.number === selectedNumber) ?? (await findIncident(selectedNumber))) : undefined;
  const chosen = asked ?? incidents[0];
  if (!chosen) return { incidents, selected: null };
  const [events, runs] = await Promise.all([getTimeline(chosen.id, "all", TIMELINE_LIMIT), listRunSummaries(chosen.id)]);
  return { incidents, selected: { incident: chosen, timeline: events.map(timelineEntry), runs } };
}

/** A resolved or closed incident stays selectable by URL, though it has left the board. */
async function findIncident(number: number) {
  const i = await getIncidentByNumber(number);
  return i ? boardIncident(i) : undefined;
}
