import { ReportStatusBadge } from "@/components/reports/report-status-badge";
import { utcDateTime } from "@/lib/reports/prefill";
import type { ReportView } from "@/lib/reports/queries";

/** Where the report stands: status, revision, template, who created and published it, past revisions. */
export function ReportMeta({ report }: { report: ReportView }) {
  return (
    <div className="flex flex-col gap-1 text-sm text-muted" data-testid="report-meta">
      <div className="flex flex-wrap items-center gap-2">
        <ReportStatusBadge status={report.status} revision={report.revision} />
        <span>Revision {report.revision}</span>
        <span aria-hidden>·</span>
        <span>
          {report.template.name} template, version {report.template.version}
        </span>
        <span aria-hidden>·</span>
        <span>
          created by {report.createdByLabel} at {utcDateTime(new Date(report.createdAt))}
        </span>
        {report.publishedAt && report.status === "published" ? (
          <>
            <span aria-hidden>·</span>
            <span>
              published by {report.publishedByLabel} at {utcDateTime(new Date(report.publishedAt))}
            </span>
          </>
        ) : null}
      </div>
      {report.revisions.length ? (
        <p className="print:hidden" data-testid="report-revisions">
          Published revisions:{" "}
          {report.revisions.map((r, i) => (
            <span key={r.revision}>
              {i ? ", " : ""}
              <a className="text-accent hover:underline" href={`/api/reports/${report.number}/markdown?revision=${r.revision}`} download>
                rev {r.revision}
              </a>{" "}
              ({r.publishedByLabel}, {utcDateTime(new Date(r.publishedAt))})
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
