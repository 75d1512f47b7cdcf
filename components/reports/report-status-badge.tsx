import { Badge } from "@/components/ui/card";
import { STATUS_LABEL, type ReportStatus } from "@/lib/reports/schemas";

const TONE = { draft: "neutral", in_review: "warning", published: "ok" } as const;

export function ReportStatusBadge({ status, revision }: { status: ReportStatus; revision?: number }) {
  return (
    <Badge tone={TONE[status]} data-testid="report-status" data-status={status}>
      {STATUS_LABEL[status]}
      {revision && revision > 1 ? ` · rev ${revision}` : ""}
    </Badge>
  );
}
