"use client";
import { AlarmClock, CheckCircle2 } from "lucide-react";
import { ACK_TARGET_MS, responseDeadline, SEVERITY_INFO, type Severity } from "@/lib/incidents/rules";
import { formatDuration } from "@/lib/incidents/mttx";
import { formatUtc } from "@/components/timeline/time-format";
import { useNow } from "@/components/timeline/use-now";
import { cn } from "@/lib/cn";

const ms = (d: Date | string) => new Date(d).getTime();

/** Loud while nobody has acknowledged: a running clock against the 5-minute target. */
export function AckClock({ startedAt, acknowledgedAt, open }: { startedAt: Date; acknowledgedAt: Date | null; open: boolean }) {
  const now = useNow(1_000);
  if (acknowledgedAt) {
    const took = ms(acknowledgedAt) - ms(startedAt);
    return (
      <p className="flex items-center gap-2 text-sm text-muted" data-testid="ack-clock">
        <CheckCircle2 className={cn("size-4", took <= ACK_TARGET_MS ? "text-ok" : "text-danger")} aria-hidden />
        Acknowledged after {formatDuration(took)} (target {formatDuration(ACK_TARGET_MS)})
      </p>
    );
  }
  if (!open) return null;
  const elapsed = now === null ? null : now - ms(startedAt);
  const overdue = elapsed !== null && elapsed > ACK_TARGET_MS;
  return (
    <div
      role="status"
      data-testid="ack-clock"
      data-overdue={overdue || undefined}
      className={cn(
        "flex items-center gap-3 rounded-lg border-2 px-4 py-3",
        overdue ? "border-danger bg-danger/15 text-danger" : "border-warning bg-warning/10 text-warning",
      )}
    >
      <AlarmClock className={cn("size-6 shrink-0", overdue && "animate-pulse")} aria-hidden />
      <p className="text-base font-semibold">
        Not acknowledged for <span className="tabular-nums">{elapsed === null ? "…" : formatDuration(elapsed)}</span>
        <span className="font-normal"> · target {formatDuration(ACK_TARGET_MS)}{overdue ? ": overdue" : ""}</span>
      </p>
    </div>
  );
}

type TargetProps = { severity: Severity; startedAt: Date; mitigatedAt: Date | null; resolvedAt: Date | null };

/** The severity's response target (met at mitigation) and the time to resolve so far. */
export function TargetInfo({ severity, startedAt, mitigatedAt, resolvedAt }: TargetProps) {
  const now = useNow(1_000);
  const deadline = responseDeadline(severity, new Date(startedAt)).getTime();
  const left = now === null ? null : deadline - now;
  const response = mitigatedAt
    ? { text: ms(mitigatedAt) <= deadline ? "met" : `missed by ${formatDuration(ms(mitigatedAt) - deadline)}`, bad: ms(mitigatedAt) > deadline }
    : left === null ? { text: "…", bad: false } : left >= 0 ? { text: `${formatDuration(left)} left`, bad: false } : { text: `overdue by ${formatDuration(-left)}`, bad: true };
  const resolveMs = resolvedAt ? ms(resolvedAt) - ms(startedAt) : now === null ? null : now - ms(startedAt);

  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm" data-testid="targets">
      <dt className="text-muted">Response ({severity})</dt>
      <dd>
        <span className="font-medium">{SEVERITY_INFO[severity].responseTarget}</span>
        <span className="block text-xs text-muted">mitigate by {formatUtc(new Date(deadline))}</span>
        <span className={cn("font-semibold tabular-nums", response.bad ? "text-danger" : mitigatedAt ? "text-ok" : "text-fg")}>{response.text}</span>
      </dd>
      <dt className="text-muted">Time to resolve</dt>
      <dd className="font-medium tabular-nums">
        {resolveMs === null ? "…" : formatDuration(resolveMs)}
        <span className="text-xs font-normal text-muted">{resolvedAt ? " (resolved)" : " so far"}</span>
      </dd>
    </dl>
  );
}
