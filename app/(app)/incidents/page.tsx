import type { Metadata } from "next";
import { Placeholder } from "@/components/shell/placeholder";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  await requirePageUser();
  return (
    <Placeholder
      title="Incidents"
      description="Declare, run and review incidents."
      coming={["Every incident, filterable by status, severity, service, commander and date", "Declaring an incident in seconds, with its severity's response target", "Each incident's lifecycle, roles and timeline"]}
    />
  );
}
