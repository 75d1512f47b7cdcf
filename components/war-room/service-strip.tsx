"use client";
import Link from "next/link";
import { HeartPulse, ServerCrash } from "lucide-react";
import { healthyLine, type HealthStrip } from "@/lib/services/health-strip";
import { ServiceStripItem } from "@/components/war-room/service-strip-item";
import { useHealthStrip } from "@/components/war-room/use-health-strip";
import { cn } from "@/lib/cn";

const plural = (n: number, word: string) => `${n} ${word}`;

/**
 * The catalog's failing services on the war room, loud (down red, degraded amber), each with
 * since when and the incident covering it or a Declare button. All healthy: one quiet line.
 */
export function ServiceStrip({ initial, now, canDeclare }: { initial?: HealthStrip; now: number | null; canDeclare: boolean }) {
  const { data } = useHealthStrip(initial);
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
  const count = (st: string) => data.failing.filter((s) => s.status === st).length;
  const [down, degraded, impacted] = [count("down"), count("degraded"), count("impacted")];
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
      <ul className="grid gap-3 md:grid-cols-2 2xl:grid-cols-3">
        {data.failing.map((s) => (
          <ServiceStripItem key={s.slug} s={s} now={now} canDeclare={canDeclare} />
        ))}
      </ul>
    </section>
  );
}
