"use client";
import { Archive, ArchiveRestore } from "lucide-react";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { Button } from "@/components/ui/button";
import { archiveRunbookAction } from "@/lib/runbooks/actions";

export function ArchiveButton({ slug, archived }: { slug: string; archived: boolean }) {
  const { run, pending } = useIncidentMutation();
  return (
    <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(() => archiveRunbookAction({ slug, archived: !archived }))}>
      {archived ? <ArchiveRestore className="size-4" aria-hidden /> : <Archive className="size-4" aria-hidden />}
      {archived ? "Restore" : "Archive"}
    </Button>
  );
}
