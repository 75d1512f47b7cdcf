import { cn } from "@/lib/cn";
import { STATUS_LABEL, type ReportStatus } from "@/lib/reports/schemas";

// Theme tokens (not fixed colours): each one is tuned for contrast on both the light and the dark surface.
const CLASS: Record<ReportStatus, string> = {
  draft: "border-border bg-surface-2 text-fg",
  in_review: "border-warning/50 bg-warning/10 text-warning",
  published: "border-ok/50 bg-ok/10 text-ok",
};

/** Draft, In review or Published; "· rev 2" once a report has been reopened. */
export function ReportStatusBadge({ status, revision }: { status: ReportStatus; revision?: number }) {
  return (
    <span data-testid="report-status-badge" data-status={status} className={cn("inline-flex items-center rounded border px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap", CLASS[status])}>
      {STATUS_LABEL[status]}
      {revision && revision > 1 ? ` · rev ${revision}` : ""}
    </span>
  );
}
