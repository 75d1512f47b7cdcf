"use client";
import Link from "next/link";
import { HeartPulse, ServerCrash } from "lucide-react";
import { incidentRef } from "@/lib/incidents/rules";
import { healthyLine, type HealthStrip, type StripService } from "@/lib/services/health-strip";
import { StatusBadge } from "@/components/services/status-badge";
import { ServiceStripItem } from "@/components/war-room/service-strip-item";
import { useHealthStrip } from "@/components/war-room/use-health-strip";
import { cn } from "@/lib/cn";

const plural = (n: number, word: string) => `${n} ${word}`;
/** Cards shown in full; past these, the rest (least urgent last) get one line each, so the board stays in view. */
const CARDS = 6;

/** Failing services beyond the cards: still every one named, with its incident or a link to its page. */
function MoreFailing({ list, more }: { list: StripService[]; more: number }) {
  if (!list.length && !more) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="strip-more">
      <span className="font-semibold text-muted">Also failing:</span>
      {list.map((s) => (
        <span key={s.slug} className="inline-flex items-center gap-1.5" data-testid="strip-service" data-slug={s.slug} data-status={s.status}>
          <StatusBadge status={s.status} />
          <Link href={`/services/${s.slug}`} className="font-semibold hover:underline">{s.name}</Link>
          {s.openIncidents[0] ? (
            <Link href={`/incidents/${s.openIncidents[0].number}`} className="font-mono text-accent hover:underline" data-testid="strip-incident" data-incident={s.openIncidents[0].number}>
              {incidentRef(s.openIncidents[0].number)}
            </Link>
          ) : null}
        </span>
      ))}
      {more ? (
        <Link href="/services?status=failing" className="font-semibold text-accent hover:underline" data-testid="strip-more-link">
          and {more.toLocaleString("en-US")} more →
        </Link>
      ) : null}
    </div>
  );
}

/**
 * The catalog's failing services on the war room, loud (down red, degraded amber), each with
 * since when and the incident covering it or a Declare button. All healthy: one quiet line.
 */
type Props = { initial?: HealthStrip; since?: string; now: number | null; canDeclare: boolean };

export function ServiceStrip({ initial, since, now, canDeclare }: Props) {
  const { data } = useHealthStrip(initial, since);
  if (!data || !data.total) return null;
  if (!data.failing.length) {
    return (
      <p className="flex flex-wrap items-center gap-2 text-base text-muted [overflow-wrap:anywhere]" data-testid="service-strip" data-state="healthy">
        <HeartPulse className="size-5 text-ok" aria-hidden />
        <span className="font-semibold text-ok">{healthyLine(data)}</span>
        <Link href="/services" className="text-sm text-accent hover:underline">Services →</Link>
      </p>
    );
  }
  // Counts over every failing service, not only the ones named (the server names the worst few).
  const { down, degraded, impacted } = data.counts;
  const parts = [down && plural(down, "down"), degraded && plural(degraded, "degraded"), impacted && plural(impacted, "impacted")].filter(Boolean);
  // Words may break anywhere: in a phone-narrow column the strip wraps rather than scrolls sideways.
  return (
    <section
      aria-labelledby="service-strip-title"
      data-testid="service-strip"
      data-state="failing"
      className={cn(
        "flex min-w-0 flex-col gap-3 rounded-xl border-2 p-2 [overflow-wrap:anywhere] sm:p-3",
        down ? "border-red-600 bg-red-600/5" : "border-warning/70 bg-warning/5",
      )}
    >
      <h2 id="service-strip-title" className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xl font-bold">
        <ServerCrash className={cn("size-6", down ? "text-danger" : "text-warning")} aria-hidden />
        <span className={down ? "text-danger" : "text-warning"}>Services failing</span>
        <span className="text-base font-semibold text-fg" data-testid="strip-counts">{parts.join(" · ")}</span>
        <span className="text-sm font-normal text-muted">of {data.total}</span>
        <Link href="/services" className="ml-auto text-sm font-medium text-accent hover:underline">All services →</Link>
      </h2>
      <ul className="grid gap-3 lg:grid-cols-2">
        {data.failing.slice(0, CARDS).map((s) => (
          <ServiceStripItem key={s.slug} s={s} now={now} canDeclare={canDeclare} />
        ))}
      </ul>
      <MoreFailing list={data.failing.slice(CARDS)} more={data.more} />
    </section>
  );
}
