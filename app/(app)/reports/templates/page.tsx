import type { Metadata } from "next";
import Link from "next/link";
import { Plus } from "lucide-react";
import { ChecklistTemplatesTable, ReportTemplatesTable } from "@/components/reports/templates/templates-tables";
import { PageHeader } from "@/components/ui/card";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { listChecklistTemplateRows, listReportTemplateRows } from "@/lib/reports/template-admin-queries";

export const metadata: Metadata = { title: "Templates" };

const newLink = "inline-flex h-10 items-center gap-2 rounded-md bg-accent px-4 text-sm font-medium text-accent-fg hover:opacity-90";

export default async function TemplatesPage() {
  const user = await requirePageUser();
  const isAdmin = hasRole(user.role, "admin");
  const [reports, checklists] = await Promise.all([listReportTemplateRows(), listChecklistTemplateRows()]);
  return (
    <>
      <PageHeader
        title="Templates"
        description="What a post-incident report and its checklists start from. Editing a template changes no report or checklist already made from it."
        actions={isAdmin ? (
          <span className="flex flex-wrap gap-2">
            <Link href="/reports/templates/new" className={newLink}><Plus className="size-4" aria-hidden /> New report template</Link>
            <Link href="/reports/templates/checklists/new" className={newLink}><Plus className="size-4" aria-hidden /> New checklist template</Link>
          </span>
        ) : null}
      />
      <section className="mb-8 flex flex-col gap-2" aria-labelledby="report-templates-heading">
        <h2 id="report-templates-heading" className="text-lg font-semibold">Report templates</h2>
        <p className="text-sm text-muted">A new report starts from its severity&apos;s default. Each save is a new version; a report keeps the version it started from.</p>
        <ReportTemplatesTable rows={reports} isAdmin={isAdmin} />
      </section>
      <section className="flex flex-col gap-2" aria-labelledby="checklist-templates-heading">
        <h2 id="checklist-templates-heading" className="text-lg font-semibold">Checklist templates</h2>
        <p className="text-sm text-muted">Items due in time buckets from the resolution: immediate (0–1 h), short-term (1–24 h), long-term (1–7 days).</p>
        <ChecklistTemplatesTable rows={checklists} isAdmin={isAdmin} />
      </section>
    </>
  );
}
