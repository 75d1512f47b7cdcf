import { STATUSES, STATUS_STAMP, type Status } from "@/lib/incidents/rules";
import type { IncidentDetail, TimelineEntry } from "@/lib/incidents/queries";
import { STATUS_LABELS } from "@/components/incidents/labels";
import { Time } from "@/components/timeline/time";

type StatusData = { status?: Status; reopen?: boolean; from?: { status?: Status } };
const rank = (s: Status) => STATUSES.indexOf(s);

/**
 * Who reached each milestone, replayed from the status events the way the stamps were set:
 * a forward move stamps every state it passes that is not stamped yet, a reopen clears the later ones.
 */
export function milestoneActors(events: TimelineEntry[]): Partial<Record<Status, string>> {
  const who: Partial<Record<Status, string>> = {};
  const moves = events.filter((e) => e.kind === "status").sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
  for (const e of moves) {
    const d = (e.data ?? {}) as StatusData;
    if (!d.status || !d.from?.status) continue;
    for (const s of STATUSES) {
      if (d.reopen && rank(s) > rank(d.status)) delete who[s];
      else if (!d.reopen && rank(s) > rank(d.from.status) && rank(s) <= rank(d.status)) who[s] ??= e.actorLabel;
    }
  }
  return who;
}

export function Milestones({ incident, events }: { incident: IncidentDetail; events: TimelineEntry[] }) {
  const who = milestoneActors(events);
  const rows = [
    { status: "triggered" as Status, label: "Started", at: incident.startedAt, by: incident.declaredBy?.name ?? events.find((e) => e.kind === "declared")?.actorLabel },
    ...STATUSES.slice(1).map((s) => ({ status: s, label: STATUS_LABELS[s], at: incident[STATUS_STAMP[s as keyof typeof STATUS_STAMP]], by: who[s] })),
  ];
  return (
    <ol className="flex flex-col gap-2 text-sm" data-testid="milestones">
      {rows.map((r) => (
        <li key={r.status} className="grid grid-cols-[7.5rem_1fr] gap-2" data-testid={`milestone-${r.status}`}>
          <span className={r.at ? "font-medium" : "text-muted"}>{r.label}</span>
          {r.at ? (
            <span>
              <Time at={r.at} showUtc={false} />
              {r.by ? <span className="block truncate text-xs text-muted">by {r.by}</span> : null}
            </span>
          ) : (
            <span className="text-muted">—</span>
          )}
        </li>
      ))}
    </ol>
  );
}
