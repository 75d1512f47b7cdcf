import "server-only";
import type { Prisma, Tx } from "@/lib/db";
import type { Actor } from "@/lib/audit/mutations";
import { clip, type IncomingAlert } from "@/lib/alerts/normalize";
import type { Change } from "@/lib/alerts/plan";
import type { RunbookLink } from "@/lib/alerts/runbook-link";

// Writes one notification's alert changes and their timeline events (ingest.ts decides which).

/** Per incident: alerts fired and resolved, and resolves that may mark it mitigated. */
export type Touched = Map<string, { fired: number; resolved: number; settles: number }>;

/** More alerts than this in one notification, on one incident, make one timeline event, not one each. */
const EACH_UP_TO = 5;
type KnownRow = { id: string; fingerprint: string; incidentId: string | null };
type Input = {
  groupId: string;
  changes: Change[];
  known: KnownRow[];
  silenced: Set<string>;
  /** where firing alerts go: the group's open incident (null when none was opened: all silenced) */
  incidentId: string | null;
  actor: Actor;
  link: (a: IncomingAlert) => RunbookLink;
  runbookTitle: (id: string) => { slug: string; title: string } | null;
  services: Set<string>;
};

const serviceOf = (a: IncomingAlert, services: Set<string>) =>
  [a.labels.service, a.labels.job, a.labels.app].find((s) => s && services.has(s)) ?? a.labels.service ?? null;

function fields(a: IncomingAlert, input: Input) {
  const service = serviceOf(a, input.services);
  return {
    // clip, not slice: half a surrogate pair would make the timeline event's JSON unstorable
    alertname: clip(a.alertname, 200), severity: a.severity, service: service === null ? null : clip(service, 200),
    labels: a.labels, annotations: a.annotations, summary: a.summary, startsAt: a.startsAt, endsAt: a.endsAt,
    generatorUrl: a.generatorUrl?.slice(0, 4_096) ?? null, ...input.link(a), lastSeenAt: new Date(),
  };
}

function eventData(event: string, a: IncomingAlert, f: ReturnType<typeof fields>, input: Input): Prisma.InputJsonValue {
  const rb = f.runbookId ? input.runbookTitle(f.runbookId) : null;
  return {
    event, alertname: f.alertname, fingerprint: a.fingerprint, severity: a.severity, summary: a.summary, service: f.service,
    runbook: rb?.slug ?? null, runbookTitle: rb?.title ?? null, runbookUrl: f.runbookUrl, generatorUrl: f.generatorUrl,
  };
}

type Note = { incidentId: string; event: string; data: Record<string, unknown>; at: Date };

/** One event per alert; a storm (dozens at once) as one event, so people's notes stay readable. */
function timelineEvents(notes: Note[], actor: Input["actor"]): Prisma.TimelineEventCreateManyInput[] {
  const groups = new Map<string, Note[]>();
  for (const n of notes) groups.set(`${n.incidentId}\u0000${n.event}`, [...(groups.get(`${n.incidentId}\u0000${n.event}`) ?? []), n]);
  return [...groups.values()].flatMap((list) => {
    const base = { incidentId: list[0].incidentId, kind: "alert", actorId: actor.id, actorLabel: actor.label };
    if (list.length <= EACH_UP_TO) return list.map((n) => ({ ...base, occurredAt: n.at, data: n.data as Prisma.InputJsonValue }));
    const names = [...new Set(list.map((n) => String(n.data.alertname)))];
    const first = list[0].data;
    return [{
      ...base, occurredAt: new Date(Math.min(...list.map((n) => n.at.getTime()))),
      data: { event: list[0].event, count: list.length, alertname: first.alertname, alertnames: names.slice(0, 10), severity: first.severity, service: first.service, summary: "", runbook: first.runbook, runbookTitle: first.runbookTitle } as Prisma.InputJsonValue,
    }];
  });
}

export async function writeAlerts(tx: Tx, input: Input): Promise<Touched> {
  const byFingerprint = new Map(input.known.map((k) => [k.fingerprint, k]));
  const touched: Touched = new Map();
  const notes: Note[] = [];
  const creates: Prisma.AlertCreateManyInput[] = [];
  const resolves: { id: string; endsAt: Date }[] = [];
  const note = (incidentId: string | null, kind: "fired" | "resolved", event: string, a: IncomingAlert, f: ReturnType<typeof fields>, at: Date) => {
    if (!incidentId) return;
    const t = touched.get(incidentId) ?? { fired: 0, resolved: 0, settles: 0 };
    t[kind]++;
    if (kind === "resolved" && a.settles !== false) t.settles++;
    touched.set(incidentId, t);
    notes.push({ incidentId, event, at, data: eventData(event, a, f, input) as Record<string, unknown> });
  };

  for (const c of input.changes) {
    const a = c.alert;
    const f = fields(a, input);
    const prior = byFingerprint.get(a.fingerprint);
    const target = input.silenced.has(a.fingerprint) ? null : input.incidentId;
    if (c.kind === "fired") {
      creates.push({ groupId: input.groupId, fingerprint: a.fingerprint, status: "firing", incidentId: target, ...f });
      note(target, "fired", "fired", a, f, a.startsAt);
    } else if (c.kind === "refired" && prior) {
      await tx.alert.update({ where: { id: prior.id }, data: { ...f, status: "firing", endsAt: null, fireCount: { increment: 1 }, incidentId: target ?? prior.incidentId } });
      note(target, "fired", "refired", a, f, a.startsAt);
    } else if (c.kind === "surfaced" && prior && target) {
      // It fired while silenced; the silence is over and it still fires: now it counts.
      await tx.alert.update({ where: { id: prior.id }, data: { incidentId: target, lastSeenAt: f.lastSeenAt } });
      note(target, "fired", "fired", a, f, new Date());
    } else if (c.kind === "resolved" && prior) {
      resolves.push({ id: prior.id, endsAt: f.endsAt ?? new Date() });
      note(prior.incidentId, "resolved", "resolved", a, f, f.endsAt ?? new Date());
    } else if (c.kind === "resolved-unseen") {
      creates.push({ groupId: input.groupId, fingerprint: a.fingerprint, status: "resolved", incidentId: null, ...f, fireCount: 0 });
    }
  }
  // One statement for every resolve: a storm clearing must not hold the locks for 1,000 round trips.
  if (resolves.length) {
    await tx.$executeRaw`
      UPDATE "Alert" AS a SET "status" = 'resolved', "endsAt" = v.ends, "lastSeenAt" = now()
      FROM unnest(${resolves.map((r) => r.id)}::text[], ${resolves.map((r) => r.endsAt.toISOString())}::timestamptz[]) AS v(id, ends)
      WHERE a."id" = v.id`;
  }
  if (creates.length) await tx.alert.createMany({ data: creates });
  const events = timelineEvents(notes, input.actor);
  if (events.length) await tx.timelineEvent.createMany({ data: events });
  return touched;
}
