import type { Metadata } from "next";
import { ChecklistTemplateEditor } from "@/components/reports/templates/checklist-template-editor";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "New checklist template" };

export default async function NewChecklistTemplatePage() {
  await requirePageUser("admin");
  return (
    <div className="max-w-4xl">
      <PageHeader title="New checklist template" description="Follow-ups in time buckets counted from the incident's resolution: immediate (0–1 h), short-term (1–24 h), long-term (1–7 days)." />
      <ChecklistTemplateEditor initial={{ name: "", description: "", isDefault: false, items: [{ bucket: "immediate", text: "" }] }} />
    </div>
  );
}
