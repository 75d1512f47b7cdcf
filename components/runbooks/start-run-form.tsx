"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { PlayCircle } from "lucide-react";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { startRunbookRunAction } from "@/lib/runbooks/actions";

type Option = { id: string; number: number; label: string };

/** Start this runbook on an open incident (or as a drill on one), then follow it step by step. */
export function StartRunForm({ slug, incidents, archived }: { slug: string; incidents: Option[]; archived: boolean }) {
  const router = useRouter();
  const { run, pending } = useIncidentMutation();
  const [incidentId, setIncidentId] = useState(incidents[0]?.id ?? "");
  const [drill, setDrill] = useState(false);
  const chosen = incidents.find((i) => i.id === incidentId);
  function start(e: React.FormEvent) {
    e.preventDefault();
    if (!chosen) return;
    run(() => startRunbookRunAction({ incidentId, slug, drill }), (r) => router.push(`/incidents/${chosen.number}/runbooks/${r.runId}`));
  }
  return (
    <Card className="p-4">
      <h2 className="mb-2 text-sm font-bold tracking-wider text-muted uppercase">Run it</h2>
      {archived ? <p className="text-sm text-muted">Archived runbooks cannot be started. Restore it first.</p> : incidents.length ? (
        <form onSubmit={start} className="flex flex-col gap-2" aria-label="Start this runbook on an incident">
          <label htmlFor="run-incident" className="text-xs font-medium text-muted">Incident</label>
          <select id="run-incident" value={incidentId} onChange={(e) => setIncidentId(e.target.value)} className={inputClass}>
            {incidents.map((i) => <option key={i.id} value={i.id}>{i.label}</option>)}
          </select>
          <label className="flex items-center gap-2 text-sm"><input type="checkbox" checked={drill} onChange={(e) => setDrill(e.target.checked)} /> This is a drill</label>
          <Button type="submit" disabled={pending}><PlayCircle className="size-4" aria-hidden />{pending ? "Starting…" : "Start guided run"}</Button>
        </form>
      ) : <p className="text-sm text-muted">No open incident. Declare one (press D) to run this runbook in it, or for a drill.</p>}
    </Card>
  );
}
