"use client";
import { useSearchParams } from "next/navigation";
import { PANEL_RANGES, type PanelRange } from "@/lib/services/types";
import { cn } from "@/lib/cn";

export const DEFAULT_RANGE: PanelRange = "1h";
const LABELS: Record<PanelRange, string> = { "15m": "15 min", "1h": "1 hour", "6h": "6 hours", "24h": "24 hours" };

export const parseRange = (v: string | null | undefined): PanelRange =>
  (PANEL_RANGES as readonly string[]).includes(v ?? "") ? (v as PanelRange) : DEFAULT_RANGE;

/** The range in the URL (`?range=`), so a shared link shows the same window. */
export function useRange(): PanelRange {
  return parseRange(useSearchParams().get("range"));
}

/** 15m · 1h · 6h · 24h. Changes the URL in place (no server round trip, no history entry per click). */
export function RangePicker() {
  const range = useRange();
  const params = useSearchParams();
  const choose = (r: PanelRange) => {
    const next = new URLSearchParams(params.toString());
    next.set("range", r);
    window.history.replaceState(null, "", `?${next.toString()}`);
  };
  return (
    <div role="group" aria-label="Time range" className="inline-flex rounded-md border border-border bg-surface p-0.5" data-testid="range-picker">
      {PANEL_RANGES.map((r) => (
        <button
          key={r}
          type="button"
          aria-pressed={r === range}
          title={`Last ${LABELS[r]}`}
          onClick={() => choose(r)}
          className={cn(
            "h-8 min-w-12 rounded px-3 text-sm font-semibold tabular-nums transition",
            r === range ? "bg-accent text-accent-fg" : "text-muted hover:bg-surface-2 hover:text-fg",
          )}
        >
          {r}
        </button>
      ))}
    </div>
  );
}
