import Link from "next/link";
import { incidentRef, type Severity, type Status } from "@/lib/incidents/rules";
import { SeverityBadge, StatusBadge } from "@/components/incidents/badges";
import { Time } from "@/components/timeline/time";
import { Card } from "@/components/ui/card";

export type IncidentRow = {
  id: string; number: number; title: string; severity: Severity; status: Status; services: string[];
  startedAt: Date; commander: { id: string; name: string } | null; mergedInto?: { number: number } | null;
};

const th = "px-4 py-3 font-medium";

export function IncidentsTable({ items }: { items: IncidentRow[] }) {
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="incidents-table">
        <thead className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
          <tr>
            <th className={th}>Incident</th>
            <th className={th}>Severity</th>
            <th className={th}>Status</th>
            <th className={th}>Services</th>
            <th className={th}>Commander</th>
            <th className={th}>Started</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} data-testid={`incident-row-${i.number}`} className="border-b border-border last:border-0 hover:bg-surface-2/60">
              <td className="max-w-xl px-4 py-3">
                <Link href={`/incidents/${i.number}`} className="group flex items-baseline gap-3">
                  <span className="font-mono text-sm font-semibold text-accent whitespace-nowrap group-hover:underline">{incidentRef(i.number)}</span>
                  <span className="truncate text-base font-medium group-hover:underline">{i.title}</span>
                </Link>
              </td>
              <td className="px-4 py-3"><SeverityBadge severity={i.severity} /></td>
              <td className="px-4 py-3">
                {i.mergedInto ? (
                  <span className="whitespace-nowrap text-xs text-muted" data-testid="merged-into">Merged into {incidentRef(i.mergedInto.number)}</span>
                ) : <StatusBadge status={i.status} />}
              </td>
              <td className="px-4 py-3">
                <div className="flex max-w-56 flex-wrap gap-1">
                  {i.services.length ? i.services.map((s) => (
                    <span key={s} className="rounded bg-surface-2 px-1.5 py-0.5 font-mono text-xs">{s}</span>
                  )) : <span className="text-muted">—</span>}
                </div>
              </td>
              <td className="px-4 py-3 whitespace-nowrap">{i.commander?.name ?? <span className="text-muted">Nobody</span>}</td>
              <td className="px-4 py-3 text-muted"><Time at={i.startedAt} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
