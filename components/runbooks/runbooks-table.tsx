import Link from "next/link";
import { SeverityBadge } from "@/components/incidents/badges";
import { Time } from "@/components/timeline/time";
import { Badge, Card } from "@/components/ui/card";
import type { RunbookListItem } from "@/lib/runbooks/queries";

const th = "px-3 py-2.5 font-medium whitespace-nowrap";
const td = "px-3 py-2.5 align-top";

const Chips = ({ items, mono }: { items: string[]; mono?: boolean }) =>
  items.length ? (
    <span className="flex flex-wrap gap-1">
      {items.slice(0, 6).map((a) => <span key={a} className={`rounded bg-surface-2 px-1.5 py-0.5 text-xs ${mono ? "font-mono" : ""}`}>{a}</span>)}
      {items.length > 6 ? <span className="text-xs text-muted">+{items.length - 6}</span> : null}
    </span>
  ) : <span className="text-muted">—</span>;

const When = ({ at, by }: { at: Date | null; by?: string }) =>
  at ? <span className="whitespace-nowrap"><Time at={at.toISOString()} />{by ? <span className="block text-xs text-muted">{by}</span> : null}</span> : <span className="text-muted">never</span>;

export function RunbooksTable({ rows }: { rows: RunbookListItem[] }) {
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="runbooks-table">
        <thead className="border-b border-border text-left text-xs tracking-wide text-muted uppercase">
          <tr>
            <th className={th} scope="col">Runbook</th>
            <th className={th} scope="col">Alerts</th>
            <th className={th} scope="col">Services</th>
            <th className={th} scope="col">Target</th>
            <th className={th} scope="col">Last edited</th>
            <th className={th} scope="col">Last used</th>
            <th className={th} scope="col">Last drill</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {rows.map((r) => (
            <tr key={r.id} className="hover:bg-surface-2/50">
              <td className={td}>
                <Link href={`/runbooks/${r.slug}`} className="font-medium text-fg underline-offset-2 hover:underline">{r.title}</Link>
                <span className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-muted">
                  {r.kind === "shared" ? <Badge>shared</Badge> : null}
                  {r.archived ? <Badge tone="warning">archived</Badge> : null}
                  <span className="font-mono">{r.source}</span> · v{r.version}
                </span>
              </td>
              <td className={td}><Chips items={r.alerts} mono /></td>
              <td className={td}><Chips items={r.services} mono /></td>
              <td className={`${td} whitespace-nowrap`}>
                {r.severity ? <SeverityBadge severity={r.severity} /> : null}
                {r.mttrMinutes !== null ? <span className="ml-1.5 text-xs text-muted">MTTR {r.mttrMinutes} min</span> : null}
                {!r.severity && r.mttrMinutes === null ? <span className="text-muted">—</span> : null}
              </td>
              <td className={td}><When at={r.lastEditedAt} by={r.lastEditedBy} /></td>
              <td className={td}><When at={r.lastUsedAt} /></td>
              <td className={td}><When at={r.lastDrillAt} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
