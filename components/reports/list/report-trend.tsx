import Link from "next/link";
import { HeadlineCards } from "@/components/metrics/headline-cards";
import { MetricsCharts } from "@/components/metrics/metrics-charts";
import { plural } from "@/components/metrics/invalid-note";
import { Card } from "@/components/ui/card";
import type { ReportTrend as Trend } from "@/lib/reports/trend";

const day = (d: Date) => d.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

/** MTTA, MTTM and MTTR per week for the incidents behind the listed reports: the metrics page's parts. */
export function ReportTrend({ trend, dated }: { trend: Trend; dated: boolean }) {
  const span = `${day(trend.from)} – ${day(trend.to)}`;
  return (
    <section aria-labelledby="report-trend-title" className="mt-8" data-testid="report-trend">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="report-trend-title" className="text-lg font-semibold">MTTx trend</h2>
        <Link href="/incidents/metrics?range=90d&bucket=week" className="text-sm text-accent hover:underline">All incidents’ metrics →</Link>
      </div>
      <p className="mb-3 text-sm text-muted" data-testid="report-trend-caption">
        {plural(trend.incidents, "reported incident")} matching these filters started {dated ? "" : "in the last 12 weeks, "}{span} (UTC), per week.
        {trend.clipped ? " The date filter reaches further back than two years: the trend shows the last two." : ""}
      </p>
      {trend.incidents === 0 ? (
        <Card className="p-6" data-testid="report-trend-empty">
          <p className="font-medium">No reported incident started in this window.</p>
          <p className="mt-1 text-sm text-muted">Widen the dates, or clear the filters.</p>
        </Card>
      ) : (
        <>
          <HeadlineCards stats={trend.totals} showTarget />
          <MetricsCharts report={trend} params={{ bucket: "week", by: "severity" }} />
        </>
      )}
    </section>
  );
}
