import Link from "next/link";
import { FileText } from "lucide-react";
import { Card } from "@/components/ui/card";
import { ReportStatusBadge } from "@/components/reports/report-status-badge";
import type { ReportStatus } from "@/lib/reports/schemas";

type Summary = { title: string; status: ReportStatus; revision: number; template: { name: string } } | null;

/** On the incident page: the report's state and the way to it, or the nudge to write it. */
export function ReportCard({ number, report, resolved, canEdit }: { number: number; report: Summary; resolved: boolean; canEdit: boolean }) {
  if (!report && !resolved) return null;
  return (
    <Card className="flex flex-wrap items-center gap-3 p-4" data-testid="report-card">
      <FileText className="size-5 text-muted" aria-hidden />
      {report ? (
        <>
          <div className="flex min-w-0 flex-1 flex-col">
            <span className="text-sm font-bold uppercase tracking-wider text-muted">Post-incident report</span>
            <span className="truncate font-medium">{report.title}</span>
          </div>
          <ReportStatusBadge status={report.status} revision={report.revision} />
          <Link href={`/incidents/${number}/report`} className="inline-flex h-10 items-center rounded-md border border-border bg-surface px-4 text-sm font-medium hover:bg-surface-2">
            Open the report
          </Link>
        </>
      ) : (
        <>
          <div className="flex min-w-0 flex-1 flex-col">
            <span className="text-sm font-bold uppercase tracking-wider text-muted">Post-incident report</span>
            <span className="text-sm">Not written yet. It starts prefilled from this incident.</span>
          </div>
          {canEdit ? (
            <Link href={`/incidents/${number}/report`} className="inline-flex h-10 items-center rounded-md bg-accent px-4 text-sm font-medium text-accent-fg hover:opacity-90">
              Write the report
            </Link>
          ) : null}
        </>
      )}
    </Card>
  );
}
