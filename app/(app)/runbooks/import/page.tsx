import type { Metadata } from "next";
import { ImportForm } from "@/components/runbooks/import-form";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Import runbooks" };

export default async function ImportRunbooksPage() {
  await requirePageUser("admin");
  return (
    <>
      <PageHeader
        title="Import runbooks"
        description="Paste or upload a Markdown runbook. It is split per scenario or alert; nothing of its text is dropped. Importing the same document again updates it: unchanged runbooks stay, changed ones get a new version."
      />
      <ImportForm />
    </>
  );
}
