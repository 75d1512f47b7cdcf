import { AlertTriangle } from "lucide-react";
import { Badge } from "@/components/ui/card";
import type { ParsedDocument, ParsedRunbook } from "@/lib/runbooks/parse/types";

export function countSteps(r: Pick<ParsedRunbook, "phases">) {
  const steps = r.phases.flatMap((p) => p.steps);
  return { steps: steps.length, commands: steps.reduce((n, s) => n + s.commands.length, 0), dangerous: steps.filter((s) => s.dangerous).length };
}

/** How a document splits: one line per runbook with what the importer found in it. */
export function ParsedSummary({ doc }: { doc: ParsedDocument }) {
  return (
    <div className="flex flex-col gap-2 text-sm" data-testid="import-preview">
      <p className="text-muted">{doc.runbooks.length} runbook{doc.runbooks.length === 1 ? "" : "s"} in <span className="font-mono">{doc.file}</span></p>
      <ol className="flex flex-col divide-y divide-border rounded-md border border-border">
        {doc.runbooks.map((r) => {
          const c = countSteps(r);
          return (
            <li key={r.key} className="flex flex-col gap-1 px-3 py-2">
              <span className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{r.title}</span>
                {r.kind === "shared" ? <Badge>shared</Badge> : null}
                {r.severity?.level ? <Badge tone="warning">{r.severity.level}</Badge> : null}
                {r.mttrMinutes !== null ? <Badge tone="accent">MTTR {r.mttrMinutes} min</Badge> : null}
              </span>
              <span className="flex flex-wrap gap-x-3 text-xs text-muted">
                {r.alerts.length ? <span className="font-mono">{r.alerts.join(", ")}</span> : null}
                <span>{r.phases.length} phase{r.phases.length === 1 ? "" : "s"} · {c.steps} steps · {c.commands} commands</span>
                {c.dangerous ? <span className="inline-flex items-center gap-1 text-danger"><AlertTriangle className="size-3" aria-hidden />{c.dangerous} dangerous</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
