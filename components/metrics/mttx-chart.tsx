"use client";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { GroupStyle } from "@/components/metrics/colors";
import { formatDuration } from "@/lib/incidents/mttx";

type Row = { bucket: string } & Record<string, number | string | null>;

type Props = {
  title: string;
  rows: Row[];
  groups: GroupStyle[];
  bucket: "day" | "week";
  /** A target line, in minutes (the acknowledgement target on the MTTA chart). */
  targetMinutes?: number;
};

const day = (iso: string, year = false) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", ...(year ? { year: "numeric" } : {}), timeZone: "UTC" });

const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 7200, 14400];

/** Whole, round minute ticks (0, 15, 30, 45…; 0, 120, 240…): about five of them. */
function minuteTicks(rows: Row[], floor = 0): number[] {
  let max = floor;
  for (const r of rows) for (const v of Object.values(r)) if (typeof v === "number" && v > max) max = v;
  const step = STEPS.find((s) => max / s <= 5) ?? Math.ceil(max / 5);
  return Array.from({ length: Math.max(1, Math.ceil(max / step)) + 1 }, (_, i) => i * step);
}

const axis = { stroke: "var(--border)", tick: { fill: "var(--muted)", fontSize: 12 }, tickLine: false } as const;

/** One line per group over time, minutes on the y axis, exact durations in the tooltip. */
export function MttxChart({ title, rows, groups, bucket, targetMinutes }: Props) {
  const ticks = minuteTicks(rows, targetMinutes);
  return (
    <LineChart responsive title={title} data={rows} style={{ width: "100%", height: 260 }} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
      <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="bucket" {...axis} tickFormatter={(v: string) => day(v)} minTickGap={16} />
      <YAxis
        {...axis}
        width={56}
        ticks={ticks}
        domain={[0, ticks[ticks.length - 1]]}
        tickFormatter={(v: number) => v.toLocaleString("en-US")}
        label={{ value: "minutes", angle: -90, position: "insideLeft", offset: 10, fill: "var(--muted)", fontSize: 12 }}
      />
      <Tooltip
        contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 6, color: "var(--fg)", fontSize: 13 }}
        labelStyle={{ color: "var(--fg)", fontWeight: 600 }}
        labelFormatter={(v) => (bucket === "week" ? `Week of ${day(String(v), true)}` : day(String(v), true))}
        formatter={(v) => (typeof v === "number" ? formatDuration(v * 60_000) : "—")}
      />
      <Legend wrapperStyle={{ fontSize: 12, color: "var(--muted)" }} />
      {targetMinutes !== undefined ? (
        <ReferenceLine
          y={targetMinutes}
          stroke="var(--ok)"
          strokeDasharray="6 4"
          label={{ value: `${formatDuration(targetMinutes * 60_000)} target`, position: "insideTopRight", fill: "var(--ok)", fontSize: 11 }}
        />
      ) : null}
      {groups.map((g) => (
        <Line
          key={g.key}
          dataKey={g.key}
          name={g.key}
          stroke={g.color}
          strokeWidth={2}
          dot={{ r: 2.5, fill: g.color, strokeWidth: 0 }}
          activeDot={{ r: 4 }}
          connectNulls
          isAnimationActive={false}
          type="monotone"
        />
      ))}
    </LineChart>
  );
}
