import Link from "next/link";
import { FileWarning, PenLine } from "lucide-react";
import { SeverityBadge } from "@/components/incidents/badges";
import { Time } from "@/components/timeline/time";
import { Card } from "@/components/ui/card";
import { incidentRef } from "@/lib/incidents/rules";
import type { MissingReport } from "@/lib/reports/list-queries";

/** What is still owed: resolved or closed incidents nobody has started a report for. */
export function MissingReports({ items, total }: { items: MissingReport[]; total: number }) {
  if (!total) return null;
  return (
    <Card className="mb-4 border-warning/50 p-4" data-testid="missing-reports">
      <section aria-labelledby="missing-reports-title">
        <h2 id="missing-reports-title" className="flex items-center gap-2 text-base font-semibold">
          <FileWarning className="size-5 text-warning" aria-hidden />
          {total === 1 ? "1 resolved incident has no report yet" : `${total.toLocaleString("en-US")} resolved incidents have no report yet`}
        </h2>
        <ul className="mt-3 divide-y divide-border">
          {items.map((i) => (
            <li key={i.id} data-testid={`missing-report-${i.number}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
              <SeverityBadge severity={i.severity} />
              <Link href={`/incidents/${i.number}`} className="font-mono text-sm font-semibold text-accent hover:underline">{incidentRef(i.number)}</Link>
              <span className="min-w-0 flex-1 truncate font-medium" title={i.title}>{i.title}</span>
              <span className="text-sm text-muted">
                {i.status === "closed" ? "closed" : "resolved"} {i.resolvedAt ? <Time at={i.resolvedAt} /> : null}
              </span>
              <Link
                href={`/incidents/${i.number}/report`}
                className="inline-flex h-8 items-center gap-1.5 rounded-md border border-border bg-surface px-3 text-sm font-medium hover:bg-surface-2"
              >
                <PenLine className="size-4" aria-hidden />
                Write the report
              </Link>
            </li>
          ))}
        </ul>
        {total > items.length ? (
          <p className="mt-2 text-xs text-muted">Showing the {items.length} most recently resolved of {total.toLocaleString("en-US")}.</p>
        ) : null}
      </section>
    </Card>
  );
}
