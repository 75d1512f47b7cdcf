import { MttxChart } from "@/components/metrics/mttx-chart";
import { groupStyles } from "@/components/metrics/colors";
import { Card } from "@/components/ui/card";
import { MEASURES } from "@/lib/incidents/mttx";
import { MAX_CHARTED_SERVICES, MEASURE_KEYS, type MetricsParams, type MetricsReport } from "@/lib/incidents/metrics";
import { ACK_TARGET_MS } from "@/lib/incidents/rules";

/** The three line charts; their numbers are in the table below them. */
export function MetricsCharts({ report, params }: { report: MetricsReport; params: Pick<MetricsParams, "bucket" | "by"> }) {
  const groups = groupStyles(report.chartedGroups, params.by);
  const hidden = report.groups.length - report.chartedGroups.length;
  return (
    <section aria-label="Charts" className="mb-6">
      <div className="grid gap-4 xl:grid-cols-3">
        {MEASURE_KEYS.map((m) => (
          <Card key={m} className="p-4">
            <figure>
              <figcaption className="mb-2 text-sm font-medium">
                {MEASURES[m].label} <span className="font-normal text-muted">· mean {MEASURES[m].meaning}, per {params.bucket}</span>
              </figcaption>
              <MttxChart
                title={`${MEASURES[m].label} per ${params.bucket} and ${params.by}, in minutes`}
                rows={report.charts[m]}
                groups={groups}
                bucket={params.bucket}
                targetMinutes={m === "mtta" ? ACK_TARGET_MS / 60_000 : undefined}
              />
            </figure>
          </Card>
        ))}
      </div>
      <p className="mt-2 text-xs text-muted">
        Incidents are bucketed by start time (UTC). Invalid intervals are left out of the lines and counted above and below.
        {hidden > 0 ? ` Charts show the ${MAX_CHARTED_SERVICES} services with the most incidents; the table lists all ${report.groups.length}.` : ""}
      </p>
    </section>
  );
}
