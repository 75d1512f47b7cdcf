"use client";
import Link from "next/link";
import { incidentRef } from "@/lib/incidents/rules";
import { formatFailingSince, type StripService } from "@/lib/services/health-strip";
import { SeverityBadge } from "@/components/incidents/badges";
import { DeclareFromService } from "@/components/services/declare-from-service";
import { StatusBadge } from "@/components/services/status-badge";
import { cn } from "@/lib/cn";

const TONE: Record<StripService["status"], string> = {
  down: "border-red-600 border-l-red-600 bg-red-600/10",
  degraded: "border-warning/70 border-l-warning bg-warning/10",
  impacted: "border-danger/50 border-l-danger/60 border-dashed bg-danger/5",
};
const SINCE_TONE: Record<StripService["status"], string> = { down: "text-danger", degraded: "text-warning", impacted: "text-danger" };

/** Whether an incident covers the service (its links), else Declare (responders) or a plain note. */
function Coverage({ s, canDeclare }: { s: StripService; canDeclare: boolean }) {
  if (s.openIncidents.length) {
    return (
      <ul className="flex flex-wrap items-center gap-2" data-testid="strip-incidents">
        {s.openIncidents.map((i) => (
          <li key={i.number}>
            <Link
              href={`/incidents/${i.number}`}
              title={`${incidentRef(i.number)} · ${i.title} (${i.status})`}
              className="inline-flex max-w-full flex-wrap items-center gap-1.5 rounded-md border border-border bg-surface px-2 py-1 hover:bg-surface-2"
              data-testid="strip-incident"
              data-incident={i.number}
            >
              <SeverityBadge severity={i.severity} />
              <span className="font-mono text-base font-bold text-accent">{incidentRef(i.number)}</span>
              <span className="text-sm text-muted">{i.status}</span>
            </Link>
          </li>
        ))}
      </ul>
    );
  }
  if (canDeclare) return <DeclareFromService service={s} className="h-auto min-h-10 max-w-full py-1.5 whitespace-normal max-sm:px-2" />;
  return <span className="text-sm font-semibold text-muted" data-testid="strip-no-incident">No incident declared</span>;
}

/** One failing service: what, how bad, since when, and whether anyone is on it. */
export function ServiceStripItem({ s, now, canDeclare }: { s: StripService; now: number | null; canDeclare: boolean }) {
  return (
    <li
      className={cn("flex min-w-0 flex-col gap-1.5 rounded-lg border-2 border-l-4 p-2 sm:border-l-8 sm:p-3", TONE[s.status])}
      data-testid="strip-service"
      data-slug={s.slug}
      data-status={s.status}
    >
      <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
        {/* a phone-narrow column may break even the badge rather than scroll sideways */}
        <StatusBadge status={s.status} size="lg" className="max-sm:shrink max-sm:px-1.5 max-sm:text-sm max-sm:whitespace-normal" />
        <Link href={`/services/${s.slug}`} className="min-w-0 text-xl font-bold hover:underline">
          {s.name}
        </Link>
        {s.tier !== null ? (
          <span className="rounded border border-border bg-surface px-1.5 text-sm font-semibold" title={`Tier ${s.tier} (0 is the most critical)`}>
            Tier {s.tier}
          </span>
        ) : null}
      </div>
      {/* since when, and who is on it: one line when there is room, the action at its end */}
      <div className="flex min-w-0 flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <p className={cn("text-lg font-semibold tabular-nums", SINCE_TONE[s.status])} data-testid="strip-since">
          {now === null ? "\u00a0" : formatFailingSince(s.status, s.since, now)}
        </p>
        <Coverage s={s} canDeclare={canDeclare} />
      </div>
      {s.reason ? <p className="line-clamp-2 text-sm text-fg/80" data-testid="strip-reason">{s.reason}</p> : null}
    </li>
  );
}
