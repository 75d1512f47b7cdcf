import Link from "next/link";
import { RunProgress } from "@/components/runbooks/run-progress";
import type { RunSummary } from "@/lib/runbooks/run-queries";

/** Each active run: its progress and the next step, big enough for the wall screen. */
export function WarRoomRuns({ incidentNumber, runs }: { incidentNumber: number; runs: RunSummary[] }) {
  if (!runs.length) return <p className="text-sm text-muted">No runbook running. Start one from the incident page.</p>;
  return (
    <ul className="flex flex-col gap-3">
      {runs.map((r) => (
        <li key={r.id} className="flex flex-col gap-1.5" data-testid="war-room-run">
          <Link href={`/incidents/${incidentNumber}/runbooks/${r.id}`} className="text-lg font-semibold hover:underline">{r.title}{r.drill ? " (drill)" : ""}</Link>
          <RunProgress run={r} />
          <p className="text-sm">
            {r.next ? <>Next: <strong>{r.next}</strong>{r.phase ? <span className="text-muted"> · {r.phase}</span> : null}</> : <span className="text-ok">Every step marked</span>}
          </p>
        </li>
      ))}
    </ul>
  );
}
