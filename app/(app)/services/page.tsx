import type { Metadata } from "next";
import { Placeholder } from "@/components/shell/placeholder";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Services" };

export default async function ServicesPage() {
  await requirePageUser();
  return (
    <Placeholder
      title="Services"
      description="The service catalog, with live health and metrics."
      coming={["Every service's live status, check latency and uptime", "Health detail such as circuit breaker states, and metric panels", "Dependencies, owners and open incidents"]}
    />
  );
}
