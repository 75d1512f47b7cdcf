"use client";
import { Download, FilePlus2, Printer, Send, Undo2, BadgeCheck } from "lucide-react";
import { ConflictNotice } from "@/components/incidents/conflict-notice";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { Button } from "@/components/ui/button";
import { changeReportStatusAction, startReportRevisionAction } from "@/lib/reports/actions";
import type { ReportStatus } from "@/lib/reports/schemas";
import { useUnsavedCount } from "@/components/reports/draft-stash";

const linkButton = "inline-flex h-10 items-center gap-2 rounded-md border border-border bg-surface px-4 text-sm font-medium hover:bg-surface-2";

/** The review flow's next steps, the export and print. Viewers get only the export and print. */
export function ReportControls({ reportId, number, status, revision, canEdit }: { reportId: string; number: number; status: ReportStatus; revision: number; canEdit: boolean }) {
  const { run, pending: running, conflict, dismiss } = useIncidentMutation();
  // A section still saving must land before the report moves on (a publish would freeze it out).
  const unsaved = useUnsavedCount();
  const pending = running || unsaved > 0;
  const move = (to: ReportStatus) => () => run(() => changeReportStatusAction({ reportId, from: status, to }));
  return (
    <div className="flex flex-col gap-2 print:hidden" data-testid="report-controls">
      <div className="flex flex-wrap items-center gap-2">
        {canEdit && status === "draft" ? <Button onClick={move("in_review")} disabled={pending}><Send className="size-4" aria-hidden />Send for review</Button> : null}
        {canEdit && status === "in_review" ? (
          <>
            <Button onClick={move("published")} disabled={pending}><BadgeCheck className="size-4" aria-hidden />Publish</Button>
            <Button variant="secondary" onClick={move("draft")} disabled={pending}><Undo2 className="size-4" aria-hidden />Back to draft</Button>
          </>
        ) : null}
        {canEdit && status === "published" ? (
          <Button variant="secondary" onClick={() => run(() => startReportRevisionAction({ reportId, revision }))} disabled={pending}>
            <FilePlus2 className="size-4" aria-hidden />New revision
          </Button>
        ) : null}
        <a className={linkButton} href={`/api/reports/${number}/markdown`} download data-testid="export-markdown">
          <Download className="size-4" aria-hidden />Export Markdown
        </a>
        <button type="button" className={linkButton} onClick={() => window.print()}>
          <Printer className="size-4" aria-hidden />Print / PDF
        </button>
      </div>
      {unsaved > 0 && canEdit && status !== "published" ? <p className="text-xs text-muted" data-testid="waiting-for-saves">Saving your edits first…</p> : null}
      <ConflictNotice message={conflict} onDismiss={dismiss} />
    </div>
  );
}
