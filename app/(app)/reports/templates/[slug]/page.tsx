import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OldVersionNotice } from "@/components/reports/templates/old-version-notice";
import { ReportTemplateEditor } from "@/components/reports/templates/report-template-editor";
import { TemplateHeader } from "@/components/reports/templates/template-header";
import { TemplateSectionsView } from "@/components/reports/templates/template-sections-view";
import { TemplateVersionHistory } from "@/components/reports/templates/template-version-history";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getDefaultHolders, getReportTemplateDetail } from "@/lib/reports/template-admin-queries";
import { getReportTemplateVersion } from "@/lib/reports/template-queries";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ version?: string; from?: string }> };
const versionParam = (v: string | undefined) => (v && /^\d{1,6}$/.test(v) ? Number(v) : null);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getReportTemplateDetail(decodeURIComponent((await params).slug));
  return { title: t ? `${t.name} · Report template` : "Template not found" };
}

export default async function ReportTemplatePage({ params, searchParams }: Props) {
  const user = await requirePageUser();
  const t = await getReportTemplateDetail(decodeURIComponent((await params).slug));
  if (!t) notFound();
  const isAdmin = hasRole(user.role, "admin");
  const sp = await searchParams;
  const viewing = versionParam(sp.version) ?? t.version;
  const from = isAdmin ? versionParam(sp.from) : null;
  const [old, start, holders] = await Promise.all([
    viewing !== t.version ? getReportTemplateVersion(t.id, viewing) : null,
    from && from !== t.version ? getReportTemplateVersion(t.id, from) : null,
    isAdmin ? getDefaultHolders() : {},
  ]);
  const entry = t.versions.find((v) => v.version === viewing);

  let main: React.ReactNode;
  if (viewing !== t.version) {
    main = old && entry ? (
      <>
        <OldVersionNotice slug={t.slug} entry={entry} current={t.version} canEdit={isAdmin} />
        <TemplateSectionsView sections={old.sections} />
      </>
    ) : <p className="text-sm text-danger">This template has no version {viewing}.</p>;
  } else if (isAdmin) {
    main = (
      <ReportTemplateEditor key={start ? `from-${from}` : "current"} existing={{ slug: t.slug, version: t.version, archived: t.archived }}
        initial={{ name: t.name, description: t.description, defaultFor: t.defaultFor, sections: start?.sections ?? t.sections }}
        holders={holders} note={start ? `Back to the sections of version ${from}` : undefined} />
    );
  } else {
    main = <TemplateSectionsView sections={t.sections} />;
  }

  return (
    <div className="flex flex-col gap-5">
      <TemplateHeader kind="report" template={t} defaultFor={t.defaultFor} isAdmin={isAdmin} />
      <div className="grid items-start gap-5 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="flex min-w-0 flex-col gap-4">{main}</div>
        <aside><TemplateVersionHistory slug={t.slug} current={t.version} viewing={viewing} versions={t.versions} /></aside>
      </div>
    </div>
  );
}
