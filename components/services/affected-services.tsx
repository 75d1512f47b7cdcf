"use client";
import Link from "next/link";
import { CircleSlash } from "lucide-react";
import type { PanelInfo, ServiceSummary } from "@/lib/services/types";
import { formatLatency, sortWorstFirst } from "@/components/services/format";
import { PanelBody } from "@/components/services/panel-grid";
import { StaleNote } from "@/components/services/stale-note";
import { StatusBadge } from "@/components/services/status-badge";
import { useServiceDetail, useServiceList } from "@/components/services/use-services";
import { cn } from "@/lib/cn";

const KEY_RANGE = "1h";

function KeyPanels({ slug }: { slug: string }) {
  // Panel definitions only change with the catalog: a slow poll is enough.
  const { data } = useServiceDetail(slug, undefined, 60_000);
  const panels: PanelInfo[] = data?.panels.filter((p) => p.key) ?? [];
  if (!panels.length) return null;
  return (
    <div className={cn("grid gap-3", panels.length > 1 && "sm:grid-cols-2")}>
      {panels.map((p) => (
        <div key={p.index} className="min-w-0" data-testid="key-panel" data-index={p.index}>
          <p className="mb-0.5 truncate text-xs font-semibold text-muted" title={p.title}>{p.title}{p.unit ? ` (${p.unit})` : ""}</p>
          <PanelBody slug={slug} info={p} range={KEY_RANGE} height={110} compact />
        </div>
      ))}
    </div>
  );
}

function Affected({ s }: { s: ServiceSummary }) {
  return (
    <li className={cn("flex flex-col gap-2 border-b border-border pb-3 last:border-0 last:pb-0")} data-testid="affected-service" data-slug={s.slug} data-status={s.status}>
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={s.status} size="md" />
        <Link href={`/services/${s.slug}`} className="text-base font-semibold text-accent hover:underline">{s.name}</Link>
        <span className="ml-auto text-sm whitespace-nowrap text-muted" title="Latency of the last health check">
          check <span className="font-semibold text-fg tabular-nums">{formatLatency(s.latencyMs)}</span>
        </span>
      </div>
      {s.status !== "up" && s.reason ? (
        <p className={cn("text-sm", s.status === "degraded" ? "text-warning" : s.status === "unknown" ? "text-muted" : "text-danger")}>{s.reason}</p>
      ) : null}
      <KeyPanels slug={s.slug} />
    </li>
  );
}

/** An incident's affected services: live status, why, check latency, and their key panels. */
export function AffectedServices({ slugs }: { slugs: string[] }) {
  const { data, error, isPending, dataUpdatedAt } = useServiceList({ slugs });
  if (!slugs.length) return <p className="text-sm text-muted">No affected services recorded.</p>;
  if (isPending) return <div className="h-24 animate-pulse rounded-md bg-surface-2" aria-label="Loading affected services" />;
  const known = new Set((data ?? []).map((s) => s.slug));
  const missing = slugs.filter((s) => !known.has(s));
  return (
    <div className="flex flex-col gap-3" data-testid="affected-services">
      <StaleNote error={error} updatedAt={dataUpdatedAt} />
      <ul className="flex flex-col gap-3">
        {sortWorstFirst(data ?? []).map((s) => <Affected key={s.slug} s={s} />)}
      </ul>
      {missing.length ? (
        <p className="flex flex-wrap items-center gap-1.5 text-sm text-muted">
          <CircleSlash className="size-4" aria-hidden />
          Not in the service catalog:
          {missing.map((m) => <code key={m} className="rounded bg-surface-2 px-1.5 py-0.5 font-mono text-xs">{m}</code>)}
        </p>
      ) : null}
    </div>
  );
}
