import Link from "next/link";
import { ListChecks, SquareCheckBig } from "lucide-react";
import { incidentRef } from "@/lib/incidents/rules";
import { BUCKETS, type Bucket } from "@/lib/reports/buckets";
import { ACTION_STATUS_LABELS, type ActionStatus } from "@/lib/followups/rules";
import type { FollowupRow } from "@/lib/followups/list-queries";
import { TrackerLink } from "@/components/followups/tracker-link";
import { DueLabel } from "@/components/followups/due-label";
import { cn } from "@/lib/cn";

function What({ row }: { row: FollowupRow }) {
  if (row.kind === "checklist") {
    const b = BUCKETS[row.bucket as Bucket];
    return <span className="text-xs text-muted">{row.detail}{b ? ` · ${b.label} (${b.range})` : ""}</span>;
  }
  return <span className="text-xs text-muted">Action item · {ACTION_STATUS_LABELS[row.detail as ActionStatus] ?? row.detail}</span>;
}

/** Follow-ups across incidents, overdue first; each row leads to its incident. */
export function FollowupsTable({ rows }: { rows: FollowupRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full text-sm" data-testid="followups-table">
        <thead className="text-left text-xs uppercase tracking-wider text-muted">
          <tr>
            <th className="px-3 py-2 font-medium">Follow-up</th>
            <th className="px-3 py-2 font-medium">Incident</th>
            <th className="px-3 py-2 font-medium">Owner</th>
            <th className="px-3 py-2 font-medium">Due</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const Icon = r.kind === "checklist" ? ListChecks : SquareCheckBig;
            return (
              <tr key={`${r.kind}:${r.id}`} className={cn("border-t border-border align-top", r.overdue && "bg-danger/10")} data-testid="followup-row" data-kind={r.kind} data-overdue={r.overdue} data-id={r.id}>
                <td className={cn("px-3 py-2", r.overdue && "border-l-4 border-danger")}>
                  <div className="flex items-start gap-2">
                    <Icon className="mt-0.5 size-4 shrink-0 text-muted" aria-hidden />
                    <div className="flex flex-col">
                      <span className="font-medium">{r.title}</span>
                      <What row={r} />
                    </div>
                    {r.trackerUrl ? (
                      <TrackerLink href={r.trackerUrl} className="ml-auto" />
                    ) : null}
                  </div>
                </td>
                <td className="px-3 py-2">
                  <Link href={`/incidents/${r.incidentNumber}`} className="font-semibold text-accent hover:underline">{incidentRef(r.incidentNumber)}</Link>
                  <span className="block max-w-72 truncate text-xs text-muted">{r.incidentTitle}</span>
                </td>
                <td className="px-3 py-2">{r.ownerName ?? <span className="text-muted">{r.kind === "checklist" ? "Responders" : "Nobody"}</span>}</td>
                <td className="px-3 py-2"><DueLabel dueAt={r.dueAt ? r.dueAt.toISOString() : null} active serverOverdue={r.overdue} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
