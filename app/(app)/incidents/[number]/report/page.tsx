import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { LiveRefresh } from "@/components/live/live-refresh";
import { ReportCreateForm } from "@/components/reports/report-create-form";
import { ReportControls } from "@/components/reports/report-controls";
import { ReportDocument } from "@/components/reports/report-document";
import { ReportEditor } from "@/components/reports/report-editor";
import { ReportMeta } from "@/components/reports/report-meta";
import { ReportTitle } from "@/components/reports/report-title";
import { UnsavedDrafts } from "@/components/reports/unsaved-drafts";
import { Card } from "@/components/ui/card";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { incidentRef } from "@/lib/incidents/rules";
import { getRenderSeq } from "@/lib/live/queries";
import { loadIncidentForPage } from "@/lib/incidents/page";
import { getReportForIncident } from "@/lib/reports/queries";
import { defaultReportTemplateFor, listReportTemplates } from "@/lib/reports/template-queries";

type Params = { params: Promise<{ number: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const incident = await loadIncidentForPage((await params).number);
  return { title: `Report · ${incidentRef(incident.number)} ${incident.title}` };
}

export default async function IncidentReportPage({ params }: Params) {
  const user = await requirePageUser();
  const incident = await loadIncidentForPage((await params).number);
  const canEdit = hasRole(user.role, "responder");
  const report = await getReportForIncident(incident.id);
  const back = (
    <Link href={`/incidents/${incident.number}`} className="inline-flex items-center gap-1 text-sm text-muted hover:text-fg print:hidden">
      <ArrowLeft className="size-4" aria-hidden />
      {incidentRef(incident.number)} {incident.title}
    </Link>
  );

  if (!report) {
    const [templates, preselected] = canEdit ? await Promise.all([listReportTemplates(), defaultReportTemplateFor(incident.severity)]) : [[], null];
    return (
      <div className="flex max-w-3xl flex-col gap-4">
        <LiveRefresh topics={[`incident:${incident.id}`]} since={await getRenderSeq()} />
        {back}
        <h1 className="text-2xl font-semibold tracking-tight">Post-incident report</h1>
        <Card className="p-4">
          {canEdit ? (
            <ReportCreateForm incidentId={incident.id} number={incident.number} templates={templates} preselected={preselected?.id ?? null} />
          ) : (
            <p className="text-sm text-muted" data-testid="no-report">No report has been written for this incident yet.</p>
          )}
        </Card>
      </div>
    );
  }

  const editable = canEdit && report.status !== "published";
  return (
    <div className="flex flex-col gap-5">
      <LiveRefresh topics={[`report:${report.id}`, `incident:${incident.id}`]} since={await getRenderSeq()} />
      {back}
      <header className="flex flex-col gap-3">
        <ReportTitle reportId={report.id} title={report.title} version={report.version} canEdit={editable} />
        <ReportMeta report={report} />
        <ReportControls reportId={report.id} number={incident.number} status={report.status} revision={report.revision} canEdit={canEdit} />
      </header>
      {editable ? null : <UnsavedDrafts reportId={report.id} />}
      <div className="max-w-4xl">{editable ? <ReportEditor report={report} /> : <ReportDocument doc={report.doc} />}</div>
    </div>
  );
}
