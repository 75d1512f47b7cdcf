import type { Metadata } from "next";
import Link from "next/link";
import { LayoutTemplate } from "lucide-react";
import type { SearchParams } from "@/components/incidents/list-params";
import { Pagination } from "@/components/incidents/pagination";
import { LiveRefresh } from "@/components/live/live-refresh";
import { MissingReports } from "@/components/reports/list/missing-reports";
import { ReportFilters } from "@/components/reports/list/report-filters";
import { ReportTrend } from "@/components/reports/list/report-trend";
import { ReportsEmpty } from "@/components/reports/list/reports-empty";
import { ReportsTable } from "@/components/reports/list/reports-table";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { getRenderSeq } from "@/lib/live/queries";
import { listMissingReports, listReports } from "@/lib/reports/list-queries";
import { reportFilterSchema } from "@/lib/reports/list-schemas";
import { listReportTemplates } from "@/lib/reports/template-queries";
import { getReportTrend } from "@/lib/reports/trend";

export const metadata: Metadata = { title: "Reports" };

const FILTER_KEYS = ["q", "status", "severity", "service", "template", "from", "to"] as const;

export default async function ReportsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageUser();
  const params = await searchParams;
  const since = await getRenderSeq();
  const filter = reportFilterSchema.parse(params);
  const [list, missing, trend, templates] = await Promise.all([
    listReports(filter), listMissingReports(filter), getReportTrend(filter), listReportTemplates(true),
  ]);
  const filtered = FILTER_KEYS.some((k) => params[k] && params[k] !== "all");
  return (
    <>
      <LiveRefresh topics={["reports", "incidents"]} since={since} />
      <PageHeader
        title="Reports"
        description="Every post-incident report, newest incident first. Filters live in the URL: share it."
        actions={
          <Link href="/reports/templates" className="inline-flex h-10 items-center gap-2 rounded-md border border-border bg-surface px-4 text-sm font-medium hover:bg-surface-2">
            <LayoutTemplate className="size-4" aria-hidden />
            Templates
          </Link>
        }
      />
      <ReportFilters params={params} templates={templates} />
      <MissingReports items={missing.items} total={missing.total} />
      {list.items.length ? <ReportsTable items={list.items} /> : <ReportsEmpty filtered={filtered} />}
      <Pagination params={params} page={list.page} pageSize={list.pageSize} total={list.total} path="/reports" noun="report" />
      <ReportTrend trend={trend} dated={Boolean(filter.from || filter.to)} />
    </>
  );
}
