"use client";
import { Archive, ArchiveRestore } from "lucide-react";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { Button } from "@/components/ui/button";
import { archiveChecklistTemplateAction, archiveReportTemplateAction } from "@/lib/reports/template-actions";

type Props = { kind: "report" | "checklist"; slug: string; name: string; archived: boolean };

/** Archive or restore one template; the server refuses to archive a severity's default and says why. */
export function ArchiveTemplateButton({ kind, slug, name, archived }: Props) {
  const { run, pending } = useIncidentMutation();
  const action = kind === "report" ? archiveReportTemplateAction : archiveChecklistTemplateAction;
  return (
    <Button size="sm" variant="secondary" disabled={pending} aria-label={`${archived ? "Restore" : "Archive"} ${name}`} onClick={() => run(() => action({ slug, archived: !archived }))}>
      {archived ? <ArchiveRestore className="size-4" aria-hidden /> : <Archive className="size-4" aria-hidden />}
      {archived ? "Restore" : "Archive"}
    </Button>
  );
}
