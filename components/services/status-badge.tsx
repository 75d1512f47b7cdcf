import { CheckCircle2, HelpCircle, TriangleAlert, Unplug, XCircle, type LucideIcon } from "lucide-react";
import type { HealthStatus } from "@/lib/services/types";
import { cn } from "@/lib/cn";

type Look = { label: string; icon: LucideIcon; className: string; hint: string };

/**
 * A status icon drawn from the one sprite in public/: a list of 1,400 services repeats a short
 * <use> reference instead of every icon's paths (same lucide shapes as STATUS_LOOK's icons).
 */
export function StatusIcon({ status, className }: { status: HealthStatus; className?: string }) {
  return (
    <svg className={className} aria-hidden>
      <use href={`/status-icons.svg#${status}`} />
    </svg>
  );
}

// Colour, icon AND word, never colour alone. Down is a solid red fill: the loudest thing on screen.
export const STATUS_LOOK: Record<HealthStatus, Look> = {
  down: { label: "Down", icon: XCircle, className: "border-red-700 bg-red-600 text-white", hint: "its own check fails" },
  impacted: {
    label: "Impacted",
    icon: Unplug,
    className: "border-danger/60 bg-danger/10 text-danger border-dashed",
    hint: "failing because something it depends on is down",
  },
  degraded: { label: "Degraded", icon: TriangleAlert, className: "border-warning/60 bg-warning/15 text-warning", hint: "answers, but a check is failing" },
  unknown: { label: "Unknown", icon: HelpCircle, className: "border-border bg-surface-2 text-muted", hint: "not checked yet, or not monitored" },
  up: { label: "Up", icon: CheckCircle2, className: "border-ok/50 bg-ok/10 text-ok", hint: "every check passes" },
};

type Props = { status: HealthStatus; size?: "sm" | "md" | "lg"; className?: string; testId?: string };

export function StatusBadge({ status, size = "sm", className, testId = "service-status" }: Props) {
  const look = STATUS_LOOK[status];
  return (
    <span
      data-testid={testId}
      data-status={status}
      title={`${look.label}: ${look.hint}`}
      className={cn(
        "inline-flex shrink-0 items-center gap-1.5 rounded-md border font-semibold whitespace-nowrap",
        size === "lg" ? "px-3 py-1 text-base" : size === "md" ? "px-2 py-0.5 text-sm" : "px-1.5 py-0.5 text-xs",
        look.className,
        className,
      )}
    >
      <StatusIcon status={status} className={size === "lg" ? "size-5" : size === "md" ? "size-4" : "size-3.5"} />
      {look.label}
    </span>
  );
}
