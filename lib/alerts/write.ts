import "server-only";
import type { Prisma, Tx } from "@/lib/db";
import type { Actor } from "@/lib/audit/mutations";
import { clip, type IncomingAlert } from "@/lib/alerts/normalize";
import type { Change } from "@/lib/alerts/plan";
import type { RunbookLink } from "@/lib/alerts/runbook-link";

// Writes one notification's alert changes and their timeline events (ingest.ts decides which).

export type Touched = Map<string, { fired: number; resolved: number }>;
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

export async function writeAlerts(tx: Tx, input: Input): Promise<Touched> {
  const byFingerprint = new Map(input.known.map((k) => [k.fingerprint, k]));
  const touched: Touched = new Map();
  const events: Prisma.TimelineEventCreateManyInput[] = [];
  const creates: Prisma.AlertCreateManyInput[] = [];
  const note = (incidentId: string | null, kind: "fired" | "resolved", event: string, a: IncomingAlert, f: ReturnType<typeof fields>, at: Date) => {
    if (!incidentId) return;
    const t = touched.get(incidentId) ?? { fired: 0, resolved: 0 };
    t[kind]++;
    touched.set(incidentId, t);
    events.push({ incidentId, kind: "alert", actorId: input.actor.id, actorLabel: input.actor.label, occurredAt: at, data: eventData(event, a, f, input) });
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
    } else if (c.kind === "resolved" && prior) {
      await tx.alert.update({ where: { id: prior.id }, data: { status: "resolved", endsAt: f.endsAt, lastSeenAt: f.lastSeenAt } });
      note(prior.incidentId, "resolved", "resolved", a, f, f.endsAt ?? new Date());
    } else if (c.kind === "resolved-unseen") {
      creates.push({ groupId: input.groupId, fingerprint: a.fingerprint, status: "resolved", incidentId: null, ...f, fireCount: 0 });
    }
  }
  if (creates.length) await tx.alert.createMany({ data: creates });
  if (events.length) await tx.timelineEvent.createMany({ data: events });
  return touched;
}
