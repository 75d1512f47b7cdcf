import type { ReportStatus } from "@/lib/reports/list-schemas";
import { cn } from "@/lib/cn";

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = { draft: "Draft", in_review: "In review", published: "Published" };

// Theme tokens (not fixed colours): each one is tuned for contrast on both the light and the dark surface.
const CLASS: Record<ReportStatus, string> = {
  draft: "border-border bg-surface-2 text-fg",
  in_review: "border-warning/50 bg-warning/10 text-warning",
  published: "border-ok/50 bg-ok/10 text-ok",
};

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  return (
    <span data-testid="report-status-badge" data-status={status} className={cn("inline-flex items-center rounded border px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap", CLASS[status])}>
      {REPORT_STATUS_LABELS[status]}
    </span>
  );
}
