import Link from "next/link";
import { BookOpen } from "lucide-react";
import { RunProgress } from "@/components/runbooks/run-progress";
import { StartRunButton } from "@/components/runbooks/start-run-button";
import { Badge, Card } from "@/components/ui/card";
import type { RunbookListItem } from "@/lib/runbooks/queries";
import type { RunView } from "@/lib/runbooks/run-queries";

/** The incident's runs (with progress) and the runbooks its services and alerts suggest. */
export function IncidentRunbooks({ incident, runs, suggested, canEdit }: {
  incident: { id: string; number: number; services: string[] }; runs: RunView[]; suggested: RunbookListItem[]; canEdit: boolean;
}) {
  const running = new Set(runs.filter((r) => r.status === "active").map((r) => r.runbook.slug));
  const candidates = suggested.filter((s) => !running.has(s.slug));
  const offer = candidates.slice(0, 8);
  return (
    <Card className="flex flex-col gap-3 p-4" data-testid="incident-runbooks">
      <h2 className="flex items-center gap-2 text-sm font-bold tracking-wider text-muted uppercase"><BookOpen className="size-4" aria-hidden />Runbooks</h2>
      {runs.length ? (
        <ul className="flex flex-col gap-2">
          {runs.map((r) => (
            <li key={r.id} className="flex flex-col gap-1 rounded-md border border-border px-3 py-2" data-testid="incident-run">
              <span className="flex flex-wrap items-center gap-2">
                <Link href={`/incidents/${incident.number}/runbooks/${r.id}`} className="font-medium hover:underline">{r.runbook.title}</Link>
                <Badge tone={r.status === "active" ? "accent" : "neutral"}>{r.drill ? "drill · " : ""}{r.status}</Badge>
              </span>
              <RunProgress run={r} />
            </li>
          ))}
        </ul>
      ) : null}
      {offer.length ? (
        <div className="flex flex-col gap-1.5">
          <p className="text-xs text-muted">Suggested for this incident&apos;s services and alerts</p>
          <ul className="flex flex-col divide-y divide-border" data-testid="suggested-runbooks">
            {offer.map((s) => (
              <li key={s.slug} className="flex items-center gap-2 py-1.5">
                <Link href={`/runbooks/${s.slug}`} className="min-w-0 flex-1 truncate text-sm hover:underline">{s.title}</Link>
                {s.mttrMinutes !== null ? <span className="text-xs text-muted">MTTR {s.mttrMinutes} min</span> : null}
                {canEdit ? <StartRunButton incidentId={incident.id} incidentNumber={incident.number} slug={s.slug} title={s.title} /> : null}
              </li>
            ))}
          </ul>
          {candidates.length > offer.length && incident.services.length ? (
            <Link href={`/runbooks?service=${encodeURIComponent(incident.services[0])}`} className="text-xs text-accent hover:underline">
              {candidates.length - offer.length} more for {incident.services[0]} in the library
            </Link>
          ) : null}
        </div>
      ) : !runs.length ? (
        <p className="text-sm text-muted">No runbook is linked to these services or alerts. <Link href="/runbooks" className="text-accent hover:underline">Browse the library</Link>.</p>
      ) : null}
    </Card>
  );
}
