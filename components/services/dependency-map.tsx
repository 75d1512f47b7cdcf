import Link from "next/link";
import { ArrowRight } from "lucide-react";
import type { HealthStatus, ServiceSummary } from "@/lib/services/types";
import { STATUS_LOOK, StatusBadge, StatusIcon } from "@/components/services/status-badge";
import { cn } from "@/lib/cn";

const CHIP_TONE: Record<HealthStatus, string> = {
  down: "border-red-700 bg-red-600 text-white",
  impacted: "border-danger/50 text-danger",
  degraded: "border-warning/60 text-warning",
  unknown: "border-border text-muted",
  up: "border-border text-fg",
};

/** Small links to services, each with its status icon (and the status in words for screen readers). */
export function DependencyChips({ slugs, statusOf }: { slugs: string[]; statusOf: Map<string, HealthStatus> | Record<string, HealthStatus> }) {
  if (!slugs.length) return <span className="text-muted">—</span>;
  return (
    <ul className="flex max-w-56 flex-wrap gap-1">
      {slugs.map((slug) => {
        const status = statusOf instanceof Map ? statusOf.get(slug) : statusOf[slug];
        const label = status ? STATUS_LOOK[status].label : "not in the catalog";
        return (
          <li key={slug}>
            <Link
              href={`/services/${slug}`}
              title={`${slug}: ${label}`}
              data-testid="dependency-chip"
              data-status={status ?? "missing"}
              className={cn("inline-flex items-center gap-1 rounded border px-1.5 py-0.5 font-mono text-xs whitespace-nowrap hover:underline", CHIP_TONE[status ?? "unknown"])}
            >
              <StatusIcon status={status ?? "unknown"} className={cn("size-3.5", status === "up" && "text-ok")} />
              {slug}
              <span className="sr-only">({label})</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

function Neighbour({ slug, s }: { slug: string; s: ServiceSummary | undefined }) {
  return (
    <li className="flex flex-col gap-0.5 rounded-md border border-border bg-surface px-3 py-2" data-testid="dependency" data-slug={slug} data-status={s?.status ?? "missing"}>
      <div className="flex flex-wrap items-center gap-2">
        {s ? <StatusBadge status={s.status} /> : <span className="text-xs text-muted">not in the catalog</span>}
        <Link href={`/services/${slug}`} className="font-semibold text-accent hover:underline">{s?.name ?? slug}</Link>
      </div>
      {s && s.status !== "up" && s.reason ? <p className="text-sm text-muted">{s.reason}</p> : null}
    </li>
  );
}

function Column({ title, slugs, bySlug, empty, testId }: { title: string; slugs: string[]; bySlug: Map<string, ServiceSummary>; empty: string; testId: string }) {
  return (
    <div className="flex min-w-0 flex-1 flex-col gap-2" data-testid={testId}>
      <h3 className="text-xs font-semibold tracking-wider text-muted uppercase">{title}</h3>
      {slugs.length ? (
        <ul className="flex flex-col gap-2">
          {slugs.map((slug) => <Neighbour key={slug} slug={slug} s={bySlug.get(slug)} />)}
        </ul>
      ) : (
        <p className="text-sm text-muted">{empty}</p>
      )}
    </div>
  );
}

/**
 * One service in the middle, who calls it on the left, what it needs on the right: when it is
 * impacted, the cause is on the right; when it is down, the blast radius is on the left.
 */
export function DependencyMap({ service, neighbours }: { service: ServiceSummary; neighbours: ServiceSummary[] }) {
  const bySlug = new Map(neighbours.map((s) => [s.slug, s]));
  return (
    <div className="flex flex-col items-stretch gap-4 md:flex-row md:items-center">
      <Column title="Depended on by" slugs={service.dependents} bySlug={bySlug} empty="No service declares it depends on this one." testId="dependents" />
      <ArrowRight className="hidden size-6 shrink-0 text-muted md:block" aria-hidden />
      <div className={cn("flex shrink-0 flex-col items-center gap-1 rounded-lg border-2 px-4 py-3", STATUS_LOOK[service.status].className)}>
        <span className="font-semibold">{service.name}</span>
        <span className="text-xs">{STATUS_LOOK[service.status].label}</span>
      </div>
      <ArrowRight className="hidden size-6 shrink-0 text-muted md:block" aria-hidden />
      <Column title="Depends on" slugs={service.dependsOn} bySlug={bySlug} empty="Declares no dependencies." testId="depends-on" />
    </div>
  );
}
