import type { Metadata } from "next";
import Link from "next/link";
import { HeadlineCards } from "@/components/metrics/headline-cards";
import { MetricsCharts } from "@/components/metrics/metrics-charts";
import { MetricsControls } from "@/components/metrics/metrics-controls";
import { MttxTable } from "@/components/metrics/mttx-table";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { getMttxReport, parseMetricsParams, RANGES } from "@/lib/incidents/metrics";

export const metadata: Metadata = { title: "MTTx metrics" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MetricsPage({ searchParams }: Props) {
  await requirePageUser();
  const params = parseMetricsParams(await searchParams);
  const report = await getMttxReport(params);
  const range = `the last ${RANGES[params.range]} days`;

  return (
    <>
      <PageHeader
        title="MTTx metrics"
        description="Mean time to acknowledge, mitigate and resolve, from each incident's start. An end before its start is an invalid interval: excluded and counted."
        actions={<Link href="/incidents" className="text-sm text-accent hover:underline">← Incidents</Link>}
      />
      <MetricsControls params={params} />
      {report.incidents === 0 ? (
        <Card className="p-6" data-testid="metrics-empty">
          <p className="font-medium">No incident started in {range}.</p>
          <p className="mt-1 text-sm text-muted">Pick a longer range, or come back once incidents have been declared.</p>
        </Card>
      ) : (
        <>
          <p className="mb-3 text-sm text-muted">
            {report.incidents.toLocaleString("en-US")} {report.incidents === 1 ? "incident" : "incidents"} started in {range}.
          </p>
          <HeadlineCards stats={report.totals} showTarget={params.by === "severity"} />
          <MetricsCharts report={report} params={params} />
          <MttxTable rows={report.groups} by={params.by} caption={`Per ${params.by}, ${range}`} />
        </>
      )}
    </>
  );
}
