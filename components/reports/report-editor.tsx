import Link from "next/link";
import { ListChecks } from "lucide-react";
import { MarkdownBody } from "@/components/timeline/markdown";
import { ReportDocument } from "@/components/reports/report-document";
import { SectionEditor } from "@/components/reports/section-editor";
import type { ReportView } from "@/lib/reports/queries";

/**
 * The sections, editable while the report is a draft or in review. Printing shows the finished
 * document instead of the editors.
 */
export function ReportEditor({ report }: { report: ReportView }) {
  const items = report.doc.sections.find((s) => report.sections.find((x) => x.key === s.key)?.type === "action-items");
  return (
    <>
      <div className="flex flex-col gap-8 print:hidden" data-testid="report-editor">
        {report.sections.map((s) => (
          <SectionEditor
            key={s.key}
            reportId={report.id}
            section={s}
            extra={
              s.type === "action-items" && items ? (
                <div className="rounded-md border border-border bg-surface-2/50 p-3" data-testid="report-action-items">
                  <MarkdownBody source={items.body.split("\n\n")[0]} />
                  <Link href={`/incidents/${report.number}#action-items`} className="mt-1 inline-flex items-center gap-1 text-sm text-accent hover:underline">
                    <ListChecks className="size-4" aria-hidden />Add or edit action items on the incident
                  </Link>
                  <p className="mt-1 text-xs text-muted">Listed from the tracker, as they stand. Notes written below follow the list.</p>
                </div>
              ) : null
            }
          />
        ))}
      </div>
      <div className="hidden print:block">
        <ReportDocument doc={report.doc} />
      </div>
    </>
  );
}
