"use client";
import { useLiveStatus } from "@/components/live/use-live-changes";
import { cn } from "@/lib/cn";

const LOOK = {
  live: { label: "Live", dot: "bg-ok", text: "text-ok" },
  connecting: { label: "Connecting…", dot: "bg-muted", text: "text-muted" },
  reconnecting: { label: "Reconnecting…", dot: "bg-warning animate-pulse", text: "text-warning" },
} as const;

/** "Live" while this tab's change stream is up; "Reconnecting…" (and the data may be stale) otherwise. */
export function LiveIndicator({ className }: { className?: string }) {
  const status = useLiveStatus();
  const look = LOOK[status];
  return (
    <span
      role="status"
      data-testid="live-indicator"
      data-status={status}
      title={status === "live" ? "Changes appear here as they happen" : "Changes may be delayed; catching up as soon as the connection is back"}
      className={cn("inline-flex items-center gap-2 rounded-full border border-border px-3 py-1 text-sm font-semibold", look.text, className)}
    >
      <span className={cn("size-2.5 rounded-full", look.dot)} aria-hidden />
      {look.label}
    </span>
  );
}
