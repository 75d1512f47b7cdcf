"use client";
import { AlarmClock, CheckCircle2 } from "lucide-react";
import { ACK_TARGET_MS } from "@/lib/incidents/rules";
import { formatClock } from "@/components/war-room/use-clock";
import { cn } from "@/lib/cn";

const t = (iso: string) => Date.parse(iso);

/** Unacknowledged is loud: red, a running clock against the 5-minute target, counting past it. */
export function AckClock({ startedAt, acknowledgedAt, now }: { startedAt: string; acknowledgedAt: string | null; now: number | null }) {
  if (acknowledgedAt) {
    const took = t(acknowledgedAt) - t(startedAt);
    const late = took > ACK_TARGET_MS;
    return (
      <p className={cn("flex items-center gap-2 text-base", late ? "text-danger" : "text-muted")} data-testid="ack-clock" data-acknowledged>
        <CheckCircle2 className={cn("size-5", late ? "text-danger" : "text-ok")} aria-hidden />
        Acknowledged in <span className="font-semibold tabular-nums">{formatClock(took)}</span>
      </p>
    );
  }
  const elapsed = now === null ? null : Math.max(0, now - t(startedAt));
  const overdue = elapsed !== null && elapsed > ACK_TARGET_MS;
  return (
    <p
      role="status"
      data-testid="ack-clock"
      data-overdue={overdue || undefined}
      className={cn(
        "flex items-center gap-3 rounded-lg px-3 py-2 text-xl font-extrabold tracking-wide text-white",
        overdue ? "bg-red-700" : "bg-red-600",
      )}
    >
      <AlarmClock className="size-6 shrink-0 animate-pulse" aria-hidden />
      <span>{overdue ? "UNACKNOWLEDGED · OVERDUE" : "UNACKNOWLEDGED"}</span>
      <span className="ml-auto tabular-nums">
        {elapsed === null ? "…" : formatClock(elapsed)} / {formatClock(ACK_TARGET_MS)}
      </span>
    </p>
  );
}

/**
 * Time left to a target, or how long it has been overdue (in red, counting up). `doneAt` is
 * when the target was reached (mitigation for the response target, resolution for MTTR).
 */
export function Countdown({ label, deadline, doneAt, now, testId }: { label: string; deadline: number; doneAt: string | null; now: number | null; testId: string }) {
  let text = "…";
  let tone = "text-fg";
  if (doneAt) {
    const met = t(doneAt) <= deadline;
    text = met ? "met" : `missed by ${formatClock(t(doneAt) - deadline)}`;
    tone = met ? "text-ok" : "text-danger";
  } else if (now !== null) {
    const left = deadline - now;
    text = left >= 0 ? `${formatClock(left)} left` : `overdue ${formatClock(-left)}`;
    tone = left >= 0 ? (left < 5 * 60_000 ? "text-warning" : "text-fg") : "text-danger";
  }
  return (
    <div data-testid={testId}>
      <p className="text-xs font-semibold uppercase tracking-wider text-muted">{label}</p>
      <p className={cn("text-lg font-bold tabular-nums", tone)}>{text}</p>
    </div>
  );
}
