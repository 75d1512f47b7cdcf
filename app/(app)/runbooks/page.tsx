import type { Metadata } from "next";
import { Placeholder } from "@/components/shell/placeholder";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Runbooks" };

export default async function RunbooksPage() {
  await requirePageUser();
  return (
    <Placeholder
      title="Runbooks"
      description="Your Markdown runbooks, imported and guided."
      coming={["Search across titles, alerts, symptoms and commands", "Guided mode inside an incident, step by step", "Audited recovery actions on runbook steps"]}
    />
  );
}
