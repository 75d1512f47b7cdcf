"use client";
import { AlarmClock } from "lucide-react";
import { useNow } from "@/components/timeline/use-now";
import { formatUtc } from "@/components/timeline/time-format";
import { formatDueDistance } from "@/lib/followups/rules";
import { cn } from "@/lib/cn";

/**
 * Overdue-ness moves with the clock, not with data: the server's flag covers the first paint,
 * then the browser's clock takes over, so a page left open turns red when the time comes.
 */
export function useOverdue(dueAt: string | null, active: boolean, serverOverdue: boolean): { overdue: boolean; now: number | null } {
  const now = useNow(30_000);
  if (!active || !dueAt) return { overdue: false, now };
  return { overdue: now === null ? serverOverdue : Date.parse(dueAt) < now, now };
}

/** "Due 2026-03-10 14:00 UTC · 3 h overdue", red once overdue. */
export function DueLabel({ dueAt, active, serverOverdue, pendingText = "No due date" }: { dueAt: string | null; active: boolean; serverOverdue: boolean; pendingText?: string }) {
  const { overdue, now } = useOverdue(dueAt, active, serverOverdue);
  if (!dueAt) return <span className="text-xs text-muted">{pendingText}</span>;
  return (
    <span className={cn("text-xs", overdue ? "font-semibold text-danger" : "text-muted")} data-overdue={overdue} data-testid="due-label">
      {overdue ? <AlarmClock className="mr-1 inline size-3.5 align-[-2px]" aria-hidden /> : null}
      Due {formatUtc(dueAt)}
      {active && now !== null ? ` · ${formatDueDistance(Date.parse(dueAt), now)}` : overdue ? " · overdue" : null}
    </span>
  );
}
