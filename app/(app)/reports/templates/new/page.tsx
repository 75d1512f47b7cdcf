import type { Metadata } from "next";
import { ReportTemplateEditor } from "@/components/reports/templates/report-template-editor";
import { StartFromForm } from "@/components/reports/templates/start-from-form";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { getDefaultHolders, getReportTemplateDetail } from "@/lib/reports/template-admin-queries";
import { listReportTemplates } from "@/lib/reports/template-queries";
import type { TemplateSection } from "@/lib/reports/sections";

export const metadata: Metadata = { title: "New report template" };

type Props = { searchParams: Promise<{ copy?: string }> };
const BLANK: TemplateSection[] = [{ key: "summary", title: "Summary", type: "summary", guidance: "" }];

export default async function NewReportTemplatePage({ searchParams }: Props) {
  await requirePageUser("admin");
  const { copy } = await searchParams;
  const [source, templates, holders] = await Promise.all([copy ? getReportTemplateDetail(copy) : null, listReportTemplates(), getDefaultHolders()]);
  return (
    <>
      <PageHeader title="New report template" description="Sections, each with guidance for whoever writes it and a type that says how a new report prefills it." />
      <StartFromForm templates={templates} current={source?.slug ?? null} />
      <ReportTemplateEditor key={source?.slug ?? "blank"} holders={holders}
        initial={{ name: source ? `${source.name} (copy)` : "", description: source?.description ?? "", defaultFor: [], sections: source?.sections ?? BLANK }} />
    </>
  );
}
