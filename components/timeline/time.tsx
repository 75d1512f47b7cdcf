"use client";
import { formatLocal, formatRelative, formatUtc } from "@/components/timeline/time-format";
import { useNow } from "@/components/timeline/use-now";
import { formatDuration } from "@/lib/incidents/mttx";
import { cn } from "@/lib/cn";

/**
 * A moment, relative ("3 min ago") with its absolute UTC time, and the viewer's local time in
 * the tooltip. Before hydration it shows UTC only: the server knows neither "now" nor the zone.
 */
export function Time({ at, className, showUtc = false }: { at: Date | string; className?: string; showUtc?: boolean }) {
  const now = useNow(15_000);
  const iso = new Date(at).toISOString();
  const utc = formatUtc(at, true);
  const title = now === null ? utc : `${utc}\nLocal: ${formatLocal(at)}`;
  return (
    <time dateTime={iso} title={title} className={cn("whitespace-nowrap", className)}>
      {now === null ? utc : formatRelative(at, now)}
      {showUtc && now !== null ? <span className="text-muted"> · {utc}</span> : null}
    </time>
  );
}

/** A live duration since `from` (or between two moments), e.g. for an incident's age. */
export function Since({ from, to }: { from: Date | string; to?: Date | string | null }) {
  const now = useNow(1_000);
  const end = to ? new Date(to).getTime() : now;
  if (end === null) return <span>…</span>;
  return <span className="tabular-nums">{formatDuration(end - new Date(from).getTime())}</span>;
}

/**
 * "3 min ago", with the viewer's local time in the tooltip; nothing before hydration (the server
 * knows neither "now" nor the zone). Beside a server-rendered UTC time, it costs no HTML.
 */
export function Ago({ at }: { at: string }) {
  const now = useNow(15_000);
  if (now === null) return null;
  return <span title={`Local: ${formatLocal(at)}`}>{formatRelative(at, now)}</span>;
}
