"use client";
import Link from "next/link";
import { AlarmClock } from "lucide-react";
import { incidentRef } from "@/lib/incidents/rules";
import { formatDueDistance } from "@/lib/followups/rules";
import type { OverdueSummary } from "@/lib/followups/overdue";

const SHOWN = 5;

/**
 * The follow-ups overdue the longest, across incidents: resolved incidents have left the board,
 * and their unfinished post-incident work would otherwise go unseen.
 */
export function OverdueStrip({ overdue, now }: { overdue: OverdueSummary; now: number | null }) {
  if (!overdue.total) return null;
  // Resolved incidents first: they have left the board, open ones carry a badge on their card.
  const settled = (g: { status: string }) => (g.status === "resolved" || g.status === "closed" ? 0 : 1);
  const groups = [...overdue.groups].sort((a, b) => settled(a) - settled(b)).slice(0, SHOWN);
  return (
    <section className="flex flex-col gap-2 rounded-xl border-2 border-danger/60 bg-danger/10 p-3" data-testid="overdue-strip" aria-labelledby="overdue-strip-title">
      <h2 id="overdue-strip-title" className="flex flex-wrap items-center gap-2 text-base font-bold text-danger">
        <AlarmClock className="size-5" aria-hidden />
        Overdue follow-ups
        <span className="font-semibold text-fg">{overdue.total} across {overdue.incidents} incident{overdue.incidents === 1 ? "" : "s"}</span>
        <Link href="/follow-ups?overdue=1" className="ml-auto text-sm font-medium text-accent hover:underline">All follow-ups →</Link>
      </h2>
      <ul className="flex flex-wrap gap-2">
        {groups.map((g) => (
          <li key={g.incidentId}>
            <Link href={`/incidents/${g.number}`} className="flex flex-col rounded-md border border-border bg-surface px-3 py-1.5 hover:bg-surface-2" data-testid="overdue-group" data-incident={g.number}>
              <span className="text-sm">
                <strong className="tabular-nums">{incidentRef(g.number)}</strong>
                <span className="ml-2 rounded bg-danger px-1.5 py-0.5 text-xs font-bold text-white dark:text-bg">{g.count} overdue</span>
                <span className="ml-2 text-muted">{g.status}</span>
              </span>
              <span className="max-w-80 truncate text-xs text-muted">
                “{g.oldestTitle}”{now !== null ? ` · ${formatDueDistance(Date.parse(g.oldestDueAt), now)}` : ""}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
