import { AlertTriangle, Zap } from "lucide-react";
import { CommandBlock } from "@/components/runbooks/command-block";
import { MarkdownBody } from "@/components/timeline/markdown";
import type { ParsedStep } from "@/lib/runbooks/parse/types";

function StepTable({ table }: { table: NonNullable<ParsedStep["table"]> }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <thead className="border-b border-border text-left text-xs text-muted uppercase">
          <tr>{table.headers.map((h, i) => <th key={i} className="px-2 py-1.5 font-medium">{h}</th>)}</tr>
        </thead>
        <tbody className="divide-y divide-border">
          {table.rows.map((row, i) => (
            <tr key={i}>{row.map((c, j) => <td key={j} className="px-2 py-1.5 align-top"><MarkdownBody source={c} /></td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One step's content: its text, a danger warning, its table, its commands (filled and copyable). */
export function StepBody({ step, vars, label }: { step: ParsedStep; vars?: Record<string, string>; label: string }) {
  const blocks = step.commands.filter((c) => !c.inline || step.commands.length <= 3);
  return (
    <div className="flex min-w-0 flex-col gap-2">
      {step.dangerous ? (
        <p className="inline-flex w-fit items-center gap-1.5 rounded border border-danger/50 bg-danger/10 px-2 py-0.5 text-xs font-semibold text-danger" data-testid="danger">
          <AlertTriangle className="size-3.5" aria-hidden /> {step.danger ?? "Dangerous"}
        </p>
      ) : null}
      {step.kind === "table" && step.table ? <StepTable table={step.table} /> : step.text ? <MarkdownBody source={step.text} /> : null}
      {blocks.map((c, i) => <CommandBlock key={i} command={c} vars={vars} label={`${label}, command ${i + 1}`} />)}
      {step.binding ? (
        <p className="inline-flex w-fit items-center gap-1.5 rounded border border-accent/40 px-2 py-0.5 text-xs text-accent" data-testid="binding">
          <Zap className="size-3.5" aria-hidden /> Recovery action: <span className="font-mono">{step.binding.service}/{step.binding.action}</span>
        </p>
      ) : null}
    </div>
  );
}
