import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChecklistTemplateEditor } from "@/components/reports/templates/checklist-template-editor";
import { ChecklistTemplateView } from "@/components/reports/templates/checklist-template-view";
import { TemplateHeader } from "@/components/reports/templates/template-header";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getChecklistTemplateBySlug } from "@/lib/reports/template-admin-queries";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getChecklistTemplateBySlug(decodeURIComponent((await params).slug));
  return { title: t ? `${t.name} · Checklist template` : "Template not found" };
}

export default async function ChecklistTemplatePage({ params }: Props) {
  const user = await requirePageUser();
  const t = await getChecklistTemplateBySlug(decodeURIComponent((await params).slug));
  if (!t) notFound();
  const isAdmin = hasRole(user.role, "admin");
  return (
    <div className="flex max-w-4xl flex-col gap-5">
      <TemplateHeader kind="checklist" template={{ ...t, lastEditedAt: t.updatedAt, lastEditedBy: t.updatedByLabel }} isDefault={t.isDefault} isAdmin={isAdmin} />
      {isAdmin ? (
        <ChecklistTemplateEditor existing={{ slug: t.slug, version: t.version }} initial={{ name: t.name, description: t.description, isDefault: t.isDefault, items: t.items }} />
      ) : <ChecklistTemplateView items={t.items} />}
    </div>
  );
}
