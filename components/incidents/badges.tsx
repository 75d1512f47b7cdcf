import { SEVERITY_INFO, type Severity, type Status } from "@/lib/incidents/rules";
import { SEVERITY_CLASS, STATUS_CLASS, STATUS_LABELS } from "@/components/incidents/labels";
import { cn } from "@/lib/cn";

export function SeverityBadge({ severity, size = "sm", className }: { severity: Severity; size?: "sm" | "lg"; className?: string }) {
  return (
    <span
      data-testid="severity-badge"
      title={`${severity} · ${SEVERITY_INFO[severity].label}: respond ${SEVERITY_INFO[severity].responseTarget}`}
      className={cn(
        "inline-flex items-center rounded border font-bold tabular-nums",
        size === "lg" ? "px-2.5 py-1 text-base" : "px-2 py-0.5 text-[13px]",
        SEVERITY_CLASS[severity],
        className,
      )}
    >
      {severity}
    </span>
  );
}

export function StatusBadge({ status, size = "sm" }: { status: Status; size?: "sm" | "lg" }) {
  return (
    <span
      data-testid="status-badge"
      className={cn(
        "inline-flex items-center rounded border font-semibold",
        size === "lg" ? "px-2.5 py-1 text-sm" : "px-1.5 py-0.5 text-xs",
        STATUS_CLASS[status],
      )}
    >
      {STATUS_LABELS[status]}
    </span>
  );
}
