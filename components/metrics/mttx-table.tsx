import { SEVERITY_COLORS } from "@/components/metrics/colors";
import { Badge, Card } from "@/components/ui/card";
import { formatDuration, MEASURES, type Stat } from "@/lib/incidents/mttx";
import { MEASURE_KEYS, type GroupBy, type GroupRow } from "@/lib/incidents/metrics";
import { ACK_TARGET_MS, SEVERITY_INFO, type Severity } from "@/lib/incidents/rules";

const th = "px-3 py-2 font-medium";
const td = "px-3 py-2 align-top";

function StatCell({ stat }: { stat: Stat }) {
  return (
    <td className={td}>
      <span className="font-medium tabular-nums">{stat.meanMs === null ? "—" : formatDuration(stat.meanMs)}</span>
      <span className="block text-xs text-muted">
        {stat.count.toLocaleString("en-US")} measured
        {stat.invalid ? <span className="text-warning"> · {stat.invalid} invalid</span> : null}
      </span>
    </td>
  );
}

function GroupName({ group, by }: { group: string; by: GroupBy }) {
  if (by === "service") return <span className="font-mono text-xs">{group}</span>;
  return (
    <span className="flex items-center gap-2">
      <span aria-hidden className="size-2.5 rounded-full" style={{ background: SEVERITY_COLORS[group] }} />
      <span className="font-medium">{group}</span>
      <span className="text-muted">{SEVERITY_INFO[group as Severity]?.label}</span>
    </span>
  );
}

function Targets({ row }: { row: GroupRow }) {
  const info = SEVERITY_INFO[row.group as Severity];
  const mean = row.mtta.meanMs;
  return (
    <td className={td}>
      {mean === null ? (
        <span className="text-muted">no acknowledgement measured</span>
      ) : (
        <Badge tone={mean <= ACK_TARGET_MS ? "ok" : "danger"}>
          MTTA {mean <= ACK_TARGET_MS ? "within" : "over"} {formatDuration(ACK_TARGET_MS)}
        </Badge>
      )}
      <span className="block text-xs text-muted">Response target: {info?.responseTarget ?? "—"}</span>
    </td>
  );
}

/** The charts' numbers over the whole range, one row per group: what a screen reader (and e2e) reads. */
export function MttxTable({ rows, by, caption }: { rows: GroupRow[]; by: GroupBy; caption: string }) {
  const totalInvalid = (r: GroupRow) => MEASURE_KEYS.reduce((n, m) => n + r[m].invalid, 0);
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="mttx-table">
        <caption className="px-3 pt-3 text-left text-sm font-medium">{caption}</caption>
        <thead className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
          <tr>
            <th scope="col" className={th}>{by === "severity" ? "Severity" : "Service"}</th>
            <th scope="col" className={th}>Incidents</th>
            {MEASURE_KEYS.map((m) => (
              <th key={m} scope="col" className={th} title={`mean ${MEASURES[m].meaning}`}>{MEASURES[m].label}</th>
            ))}
            <th scope="col" className={th}>Invalid intervals excluded</th>
            {by === "severity" ? <th scope="col" className={th}>Targets</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.group} className="border-b border-border last:border-0" data-group={r.group}>
              <th scope="row" className={`${td} text-left font-normal`}><GroupName group={r.group} by={by} /></th>
              <td className={`${td} tabular-nums`}>{r.incidents.toLocaleString("en-US")}</td>
              {MEASURE_KEYS.map((m) => <StatCell key={m} stat={r[m]} />)}
              <td className={`${td} tabular-nums ${totalInvalid(r) ? "text-warning" : ""}`}>{totalInvalid(r)}</td>
              {by === "severity" ? <Targets row={r} /> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
