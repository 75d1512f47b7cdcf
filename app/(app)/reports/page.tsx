import type { Metadata } from "next";
import { Placeholder } from "@/components/shell/placeholder";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage() {
  await requirePageUser();
  return (
    <Placeholder
      title="Reports"
      description="Post-incident reports, checklists and follow-ups."
      coming={["Reports prefilled from the incident, edited together", "Post-incident checklists and action items", "MTTA and MTTR trends"]}
    />
  );
}
