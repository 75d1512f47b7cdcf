"use client";
import { CopyButton } from "@/components/ui/copy-button";

function Row({ query, label }: { query: string; label: string }) {
  return (
    <li className="flex items-start gap-1.5">
      <code className="min-w-0 flex-1 rounded bg-surface-2 px-2 py-1 font-mono text-xs break-all text-fg select-all" data-testid="promql">
        {query}
      </code>
      <CopyButton text={query} label={`Copy PromQL for ${label}`} what="PromQL" />
    </li>
  );
}

/** Each line's PromQL, to paste into Prometheus or Grafana. */
export function PromqlCopy({ queries, title }: { queries: string[]; title: string }) {
  if (!queries.length) return null;
  return (
    <details className="group text-sm" open>
      <summary className="cursor-pointer text-xs font-semibold tracking-wider text-muted uppercase select-none">PromQL</summary>
      <ul className="mt-1.5 flex flex-col gap-1">
        {queries.map((q, i) => (
          <Row key={i} query={q} label={queries.length > 1 ? `${title}, line ${i + 1}` : title} />
        ))}
      </ul>
    </details>
  );
}
