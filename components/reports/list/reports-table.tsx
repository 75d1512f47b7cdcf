import Link from "next/link";
import { SeverityBadge } from "@/components/incidents/badges";
import { ReportStatusBadge } from "@/components/reports/report-status-badge";
import { Time } from "@/components/timeline/time";
import { Card } from "@/components/ui/card";
import { incidentRef } from "@/lib/incidents/rules";
import type { ReportListItem } from "@/lib/reports/list-queries";

const th = "px-4 py-3 font-medium";
const td = "px-4 py-3 align-top";

function Who({ at, by }: { at: Date; by: string | null }) {
  return (
    <>
      <Time at={at} />
      {by ? <span className="block max-w-40 truncate text-xs text-muted" title={by}>by {by}</span> : null}
    </>
  );
}

export function ReportsTable({ items }: { items: ReportListItem[] }) {
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="reports-table">
        <thead className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
          <tr>
            <th scope="col" className={th}>Incident</th>
            <th scope="col" className={th}>Report</th>
            <th scope="col" className={th}>Severity</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={th}>Template</th>
            <th scope="col" className={th}>Last edited</th>
            <th scope="col" className={th}>Published</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} data-testid={`report-row-${r.incident.number}`} className="border-b border-border last:border-0 hover:bg-surface-2/60">
              <td className={`${td} max-w-56`}>
                <Link href={`/incidents/${r.incident.number}`} className="font-mono text-sm font-semibold whitespace-nowrap text-accent hover:underline">
                  {incidentRef(r.incident.number)}
                </Link>
                <span className="line-clamp-2 text-muted" title={r.incident.title}>{r.incident.title}</span>
              </td>
              <td className={`${td} min-w-48 max-w-md`}>
                <Link href={`/incidents/${r.incident.number}/report`} className="text-base font-medium hover:underline">{r.title}</Link>
              </td>
              <td className={td}><SeverityBadge severity={r.incident.severity} /></td>
              <td className={td}>
                <span className="flex items-center gap-2 whitespace-nowrap">
                  <ReportStatusBadge status={r.status} />
                  <span className="text-xs text-muted tabular-nums">rev {r.revision}</span>
                </span>
              </td>
              <td className={td}>{r.template.name}</td>
              <td className={`${td} text-muted`}><Who at={r.lastEdited.at} by={r.lastEdited.by} /></td>
              <td className={`${td} text-muted`}>
                {r.publishedAt ? <Who at={r.publishedAt} by={r.publishedByLabel} /> : <span>Not yet</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
