"use client";
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { Hourglass, TriangleAlert } from "lucide-react";
import type { PanelData } from "@/lib/services/types";
import { groupStyles } from "@/components/metrics/colors";
import { breach, latest, sampleCount, seriesKey, timeTicks, toRows, yTicks, type Row } from "@/components/services/chart-data";
import { formatClockTime, formatValue } from "@/components/services/format";
import { cn } from "@/lib/cn";

const axis = { stroke: "var(--border)", tick: { fill: "var(--muted)", fontSize: 12 }, tickLine: false } as const;
export const EMPTY_TEXT = "No samples yet — the first scrape lands within one interval";

type Props = { panel: PanelData; height?: number; compact?: boolean };

const BREACH_RANK = { crit: 0, warn: 1 } as const;

/**
 * The latest value of each line, coloured swatch first, loud when it crosses a threshold. A small
 * panel lists at most `limit` lines, those over a threshold first.
 */
function LatestValues({ panel, colors, limit }: { panel: PanelData; colors: string[]; limit?: number }) {
  const lines = panel.series.map((s, i) => {
    const v = latest(s.points);
    return { label: s.label, color: colors[i], v, b: breach(v, panel.thresholds), i };
  });
  const shown = limit && lines.length > limit
    ? [...lines].sort((x, y) => (x.b ? BREACH_RANK[x.b] : 2) - (y.b ? BREACH_RANK[y.b] : 2) || x.i - y.i).slice(0, limit)
    : lines;
  return (
    <ul className="mb-1 flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Latest values">
      {shown.map(({ label, color, v, b, i }) => (
        <li key={i} className="flex min-w-0 flex-wrap items-center gap-x-1.5" data-testid="latest-value">
          <span className="inline-block h-1 w-3.5 rounded-full" style={{ background: color }} aria-hidden />
          <span className="min-w-0 break-all text-muted">{label}</span>
          <span className={cn("font-semibold whitespace-nowrap tabular-nums", b === "crit" ? "text-danger" : b === "warn" ? "text-warning" : "text-fg")}>
            {formatValue(v, panel.unit)}
          </span>
          {b ? <span className={cn("text-xs font-bold uppercase", b === "crit" ? "text-danger" : "text-warning")}>{b === "crit" ? "critical" : "warning"}</span> : null}
        </li>
      ))}
      {shown.length < lines.length ? <li className="text-muted">+{lines.length - shown.length} more</li> : null}
    </ul>
  );
}

/** A dot only where a point stands alone between gaps: otherwise a lone sample would be invisible. */
const loneDot = (rows: Row[], key: string, color: string) =>
  function LoneDot(props: { cx?: number; cy?: number; index: number }) {
    const at = (i: number) => rows[i]?.[key] ?? null;
    const alone = at(props.index) !== null && at(props.index - 1) === null && at(props.index + 1) === null;
    if (!alone || props.cx === undefined || props.cy === undefined) return <g key={props.index} />;
    return <circle key={props.index} cx={props.cx} cy={props.cy} r={2.5} fill={color} />;
  };

function Chart({ panel, rows, colors, height, compact }: Props & { rows: Row[]; colors: string[] }) {
  const t = panel.thresholds;
  const ticks = yTicks(rows, t, panel.unit, compact ? 2 : 4);
  // crit's label on the left, warn's on the right, so close thresholds never overlap; above the
  // line, or under it near the top (Recharts draws "insideTop" text under a reference line).
  const top = ticks?.at(-1);
  const place = (y: number, side: "Left" | "Right") => `${top && y / top > 0.85 ? "insideTop" : "insideBottom"}${side}` as const;
  const fmt = (v: number) => formatValue(v, panel.unit);
  return (
    <LineChart responsive data={rows} title={panel.title} style={{ width: "100%", height }} margin={{ top: 14, right: 12, bottom: 0, left: 0 }}>
      <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={[panel.start, panel.end]}
        ticks={timeTicks(panel.start, panel.end, panel.range)}
        tickFormatter={(v: number) => formatClockTime(v)}
        {...axis}
        minTickGap={compact ? 24 : 12}
      />
      <YAxis
        {...axis}
        width={compact ? 56 : 72}
        // The unit is in the panel's title: "jobs/s" on every tick would only wrap.
        tickFormatter={(v: number) => formatValue(v, panel.unit, true)}
        ticks={ticks}
        domain={ticks ? [0, ticks[ticks.length - 1]] : undefined}
      />
      <Tooltip
        contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 6, color: "var(--fg)", fontSize: 13 }}
        labelStyle={{ color: "var(--fg)", fontWeight: 600 }}
        labelFormatter={(v) => formatClockTime(Number(v), true)}
        formatter={(v) => (typeof v === "number" ? fmt(v) : "no sample")}
      />
      {THRESHOLD_LINES.map(({ level, color, side, weight }) => {
        const y = t?.[level];
        return y === undefined ? null : (
          <ReferenceLine
            key={level}
            y={y}
            stroke={color}
            strokeDasharray="6 4"
            strokeWidth={1.5}
            ifOverflow="extendDomain"
            label={{ value: `${level} ${fmt(y)}`, position: place(y, side), fill: color, fontSize: 11, fontWeight: weight }}
          />
        );
      })}
      {panel.series.map((s, i) => (
        <Line
          key={i}
          dataKey={seriesKey(i)}
          name={s.label}
          stroke={colors[i]}
          strokeWidth={2}
          dot={loneDot(rows, seriesKey(i), colors[i])}
          activeDot={{ r: 4 }}
          connectNulls={false}
          isAnimationActive={false}
          type="linear"
        />
      ))}
    </LineChart>
  );
}

/** One metric panel: the chart, or why there is none (`panel.error`, or no samples yet). */
const THRESHOLD_LINES = [
  { level: "warn", color: "var(--warning)", side: "Right", weight: 400 },
  { level: "crit", color: "var(--danger)", side: "Left", weight: 600 },
] as const;

export function TimeSeriesPanel({ panel, height = 220, compact = false }: Props) {
  const samples = sampleCount(panel);
  const colors = groupStyles(panel.series.map((s) => s.label), "service").map((g) => g.color);
  const state = samples ? "data" : panel.error ? "error" : "empty";
  return (
    <div data-testid="time-series-panel" data-state={state} data-range={panel.range} data-samples={samples} className="flex flex-col gap-1">
      {panel.error ? (
        <p
          role="alert"
          data-testid="panel-error"
          className={cn(
            "flex gap-2 rounded-md border border-danger/50 bg-danger/10 px-2.5 py-1.5 text-sm text-danger",
            samples ? "items-start" : "flex-col items-center justify-center text-center",
          )}
          style={samples ? undefined : { height }}
        >
          <TriangleAlert className={cn("shrink-0", samples ? "mt-0.5 size-4" : "size-5")} aria-hidden />
          <span className="break-words">{panel.error}</span>
        </p>
      ) : null}
      {samples ? (
        <>
          <LatestValues panel={panel} colors={colors} limit={compact ? 3 : undefined} />
          <Chart panel={panel} rows={toRows(panel)} colors={colors} height={height} compact={compact} />
        </>
      ) : !panel.error ? (
        <div className="flex flex-col items-center justify-center gap-2 rounded-md border border-dashed border-border px-4 text-center text-sm text-muted" style={{ height }} data-testid="panel-empty">
          <Hourglass className="size-5" aria-hidden />
          {EMPTY_TEXT}
        </div>
      ) : null}
    </div>
  );
}
