"use client";
import { useRouter } from "next/navigation";
import { PlayCircle } from "lucide-react";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { Button } from "@/components/ui/button";
import { startRunbookRunAction } from "@/lib/runbooks/actions";

export function StartRunButton({ incidentId, incidentNumber, slug, title }: { incidentId: string; incidentNumber: number; slug: string; title: string }) {
  const router = useRouter();
  const { run, pending } = useIncidentMutation();
  return (
    <Button size="sm" variant="secondary" disabled={pending} aria-label={`Start runbook ${title}`}
      onClick={() => run(() => startRunbookRunAction({ incidentId, slug }), (r) => router.push(`/incidents/${incidentNumber}/runbooks/${r.runId}`))}>
      <PlayCircle className="size-4" aria-hidden />{pending ? "Starting…" : "Start"}
    </Button>
  );
}
