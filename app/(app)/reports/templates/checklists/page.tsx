import { redirect } from "next/navigation";

// Checklist templates are listed with the report templates.
export default function ChecklistTemplatesPage() {
  redirect("/reports/templates#checklist-templates-heading");
}
