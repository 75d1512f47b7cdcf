"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { FileText } from "lucide-react";
import { ConflictNotice } from "@/components/incidents/conflict-notice";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { createReportAction } from "@/lib/reports/actions";

type Template = { id: string; name: string; description: string; defaultFor: string[] };

/** Pick a template (the severity's default is preselected) and create the prefilled report. */
export function ReportCreateForm({ incidentId, number, templates, preselected }: { incidentId: string; number: number; templates: Template[]; preselected: string | null }) {
  const router = useRouter();
  const [templateId, setTemplateId] = useState(preselected ?? templates[0]?.id ?? "");
  const { run, pending, conflict, dismiss } = useIncidentMutation();
  const chosen = templates.find((t) => t.id === templateId);
  if (!templates.length) return <p className="text-sm text-muted">No report template exists yet: an admin creates one under Reports → Templates.</p>;
  return (
    <form
      className="flex flex-col gap-3"
      data-testid="report-create"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => createReportAction({ incidentId, templateId }), () => router.push(`/incidents/${number}/report`));
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-64 flex-col gap-1">
          <label htmlFor="report-template" className="text-sm font-medium">Template</label>
          <select id="report-template" className={inputClass} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}{t.defaultFor.length ? ` (default for ${t.defaultFor.join(", ")})` : ""}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" disabled={pending || !templateId}>
          <FileText className="size-4" aria-hidden />Create the report
        </Button>
      </div>
      {chosen?.description ? <p className="text-sm text-muted">{chosen.description}</p> : null}
      <p className="text-xs text-muted">Prefilled from the incident: duration, severity, services, roles, key timeline events, recovery actions, MTTA and MTTR.</p>
      <ConflictNotice message={conflict} onDismiss={dismiss} />
    </form>
  );
}
