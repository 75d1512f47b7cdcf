"use client";
import Link from "next/link";
import type { HealthStatus, ServiceSummary } from "@/lib/services/types";
import { DeclareFromService } from "@/components/services/declare-from-service";
import { DependencyChips } from "@/components/services/dependency-map";
import { formatLatency, formatUptime } from "@/components/services/format";
import { IncidentLinks } from "@/components/services/incident-links";
import { StatusBadge } from "@/components/services/status-badge";
import { Time } from "@/components/timeline/time";
import { cn } from "@/lib/cn";
import { isFailing } from "@/lib/services/health-strip";

// Cell padding is set once on the table (ROW_CELLS), not on each of the page's cells.
export const ROW_CELLS = "[&_tbody_td]:px-3 [&_tbody_td]:py-2.5 [&_tbody_td]:align-top [&_tbody_th]:px-3 [&_tbody_th]:py-2.5 [&_tbody_th]:align-top";

const REASON_TONE: Record<HealthStatus, string> = {
  down: "text-danger font-medium",
  impacted: "text-danger",
  degraded: "text-warning font-medium",
  unknown: "text-muted",
  up: "text-muted",
};

function Reason({ s }: { s: ServiceSummary }) {
  if (s.unmonitored) return <span className="text-muted">No health check configured</span>;
  if (s.status === "up" || !s.reason) return <span className="text-muted">—</span>;
  return <span className={REASON_TONE[s.status]}>{s.reason}</span>;
}

/** Open incidents on the service; a failing service none covers offers Declare (responders). */
function Incidents({ s, canDeclare }: { s: ServiceSummary; canDeclare: boolean }) {
  const failing = isFailing(s.status);
  if (!s.openIncidents.length && failing && canDeclare) return <DeclareFromService service={s} size="sm" className="whitespace-nowrap" />;
  return <IncidentLinks incidents={s.openIncidents} empty="—" />;
}

function NameCell({ s }: { s: ServiceSummary }) {
  return (
    <th scope="row" className="text-left font-normal">
      <Link href={`/services/${s.slug}`} prefetch={false} className="text-base font-semibold whitespace-nowrap text-accent hover:underline">
        {s.name}
      </Link>
      <p className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs whitespace-nowrap text-muted">
        {s.name !== s.slug ? <span className="font-mono">{s.slug}</span> : null}
        {s.tier !== null ? (
          <span className="rounded border border-border px-1 font-semibold" title={`Tier ${s.tier} (0 is the most critical)`}>
            Tier {s.tier}
          </span>
        ) : null}
      </p>
    </th>
  );
}

type Props = { s: ServiceSummary; canDeclare: boolean; dependencyStatus: Record<string, HealthStatus> };

/** One service of the list: status and since when, why, incidents, latency, uptime, deps, owner. */
export function ServiceRow({ s, canDeclare, dependencyStatus }: Props) {
  return (
    <tr
      data-testid="service-row"
      data-slug={s.slug}
      data-status={s.status}
      className={cn("border-b border-border last:border-0 hover:bg-surface-2/60", s.status === "down" && "bg-danger/5")}
    >
      <td>
        <StatusBadge status={s.status} size="md" />
        {s.since ? (
          <p className="mt-1 text-xs whitespace-nowrap text-muted" data-testid="service-since">
            <Time at={s.since} />
          </p>
        ) : null}
      </td>
      <NameCell s={s} />
      <td className="max-w-72 min-w-44 break-words" data-testid="service-reason">
        <Reason s={s} />
      </td>
      <td>
        <Incidents s={s} canDeclare={canDeclare} />
      </td>
      <td className="text-right whitespace-nowrap tabular-nums">{formatLatency(s.latencyMs)}</td>
      <td className="text-right whitespace-nowrap tabular-nums" data-testid="service-uptime">
        <p>
          {formatUptime(s.uptime24h)} <span className="text-xs text-muted">24 h</span>
        </p>
        <p>
          {formatUptime(s.uptime7d)} <span className="text-xs text-muted">7 d</span>
        </p>
      </td>
      <td>
        <DependencyChips slugs={s.dependsOn} statusOf={dependencyStatus} />
      </td>
      <td className="max-w-44 break-words">
        {s.owner ? <p>{s.owner}</p> : null}
        {s.team ? <p className={s.owner ? "text-xs text-muted" : undefined}>{s.team}</p> : null}
        {!s.owner && !s.team ? <span className="text-muted">—</span> : null}
      </td>
    </tr>
  );
}
