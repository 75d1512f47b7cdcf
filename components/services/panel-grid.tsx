"use client";
import { Database, Radio, TriangleAlert } from "lucide-react";
import type { PanelInfo, PanelRange } from "@/lib/services/types";
import { PromqlCopy } from "@/components/services/promql-copy";
import { RangePicker, useRange } from "@/components/services/range-picker";
import { TimeSeriesPanel } from "@/components/services/time-series-panel";
import { usePanel } from "@/components/services/use-services";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";

const SOURCE = {
  direct: { label: "Direct scrape", icon: Radio, hint: "Sitrep scrapes the service's /metrics itself" },
  prometheus: { label: "Prometheus", icon: Database, hint: "queried from the Prometheus server named in the catalog" },
} as const;

export function SourceBadge({ source }: { source: PanelInfo["source"] }) {
  const s = SOURCE[source];
  return (
    <span title={s.hint} className="inline-flex items-center gap-1 rounded border border-border px-1.5 py-0.5 text-xs text-muted" data-testid="panel-source">
      <s.icon className="size-3.5" aria-hidden />
      {s.label}
    </span>
  );
}

/** One panel's live data; the previous range stays on screen while the new one loads. */
export function PanelBody({ slug, info, range, height, compact }: { slug: string; info: PanelInfo; range: PanelRange; height: number; compact?: boolean }) {
  const { data, error, isPending, isPlaceholderData } = usePanel(slug, info.index, range);
  if (isPending) return <div className="animate-pulse rounded-md bg-surface-2" style={{ height }} aria-label={`Loading ${info.title}`} data-testid="panel-loading" />;
  // Never show another range's chart under this range's buttons: a failed switch says so instead.
  if (!data || (error && isPlaceholderData)) {
    return (
      <p role="alert" className="flex flex-col items-center justify-center gap-2 rounded-md border border-warning/60 bg-warning/10 px-4 text-center text-sm text-fg" style={{ height }} data-testid="panel-fetch-error">
        <TriangleAlert className="size-5 text-warning" aria-hidden />
        Could not load this panel: {error?.message ?? "no answer"}
      </p>
    );
  }
  return (
    <div className={cn("transition-opacity", isPlaceholderData && "opacity-60")} aria-busy={isPlaceholderData}>
      {error ? (
        <p role="alert" className="mb-1 flex items-center gap-2 text-sm text-warning">
          <TriangleAlert className="size-4 shrink-0" aria-hidden />
          Could not refresh: {error.message}
        </p>
      ) : null}
      <TimeSeriesPanel panel={data} height={height} compact={compact} />
    </div>
  );
}

function PanelCard({ slug, info, range }: { slug: string; info: PanelInfo; range: PanelRange }) {
  const headingId = `panel-${info.index}-title`;
  return (
    <Card className="flex min-w-0 flex-col gap-3 p-4" data-testid="metric-panel" data-index={info.index} aria-labelledby={headingId} role="region">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="text-base font-semibold">{info.title}</h3>
        {info.unit ? <span className="text-xs text-muted">({info.unit})</span> : null}
        {info.key ? <span className="rounded bg-accent/15 px-1.5 py-0.5 text-xs font-medium text-accent" title="Also shown on incidents that affect this service">Key</span> : null}
        <span className="ml-auto"><SourceBadge source={info.source} /></span>
      </div>
      <PanelBody slug={slug} info={info} range={range} height={220} />
      <PromqlCopy queries={info.promql} title={info.title} />
    </Card>
  );
}

/** Every metric panel of a service, over the range in the URL, each refetched every 15 s. */
export function PanelGrid({ slug, panels }: { slug: string; panels: PanelInfo[] }) {
  const range = useRange();
  return (
    <section aria-labelledby="metrics-heading" className="flex flex-col gap-3" data-testid="panel-grid">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="metrics-heading" className="text-lg font-semibold">Metrics</h2>
        <span className="text-sm text-muted">Local time · refreshed every 15 s</span>
        <span className="ml-auto"><RangePicker /></span>
      </div>
      {panels.length ? (
        <div className="grid gap-4 xl:grid-cols-2">
          {panels.map((p) => <PanelCard key={p.index} slug={slug} info={p} range={range} />)}
        </div>
      ) : (
        <Card className="p-6 text-sm text-muted">This service declares no metric panels in the catalog.</Card>
      )}
    </section>
  );
}
