import type { AlertRow } from "@/lib/alerts/queries";
import { SeverityBadge } from "@/components/incidents/badges";
import { Time } from "@/components/timeline/time";
import { AlertState, IncidentLink, LabelChips, RunbookLink, SourceLink } from "@/components/alerts/alert-bits";
import { SilenceControl } from "@/components/alerts/silence-control";
import { cn } from "@/lib/cn";

const silenceProp = (s: AlertRow["silence"]) => (s ? { id: s.id, endsAt: s.endsAt.toISOString(), reason: s.reason, createdByLabel: s.createdByLabel } : null);

/** Alerts, firing first: what fires, where, since when, which incident and runbook it belongs to. */
export function AlertsTable({ rows, canEdit }: { rows: AlertRow[]; canEdit: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full text-sm" data-testid="alerts-table">
        <thead className="text-left text-xs uppercase tracking-wider text-muted">
          <tr>
            <th className="px-3 py-2 font-medium">Alert</th>
            <th className="px-3 py-2 font-medium">State</th>
            <th className="px-3 py-2 font-medium">Since</th>
            <th className="px-3 py-2 font-medium">Incident</th>
            <th className="px-3 py-2 font-medium">Runbook</th>
            <th className="px-3 py-2 font-medium"><span className="sr-only">Silence</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const loud = r.status === "firing" && !r.silence;
            return (
              <tr key={r.id} className={cn("border-t border-border align-top", loud && "bg-danger/5")} data-testid="alert-row" data-alertname={r.alertname} data-status={r.status}>
                <td className={cn("px-3 py-2", loud && "border-l-4 border-danger")}>
                  <div className="flex items-start gap-2">
                    <SeverityBadge severity={r.severity} />
                    <div className="flex min-w-0 flex-col gap-1">
                      <span className="font-semibold">{r.alertname}{r.service ? <span className="font-normal text-muted"> · {r.service}</span> : null}</span>
                      {r.summary ? <span className="max-w-xl text-muted">{r.summary}</span> : null}
                      <LabelChips labels={r.labels} />
                      <SourceLink row={r} />
                    </div>
                  </div>
                </td>
                <td className="px-3 py-2"><AlertState row={r} />{r.fireCount > 1 ? <span className="mt-1 block text-xs text-muted">fired {r.fireCount}×</span> : null}</td>
                <td className="px-3 py-2 text-xs">
                  <Time at={r.startsAt} />
                  {r.endsAt ? <span className="block text-muted">ended <Time at={r.endsAt} /></span> : null}
                </td>
                <td className="px-3 py-2"><IncidentLink incident={r.incident} /></td>
                <td className="px-3 py-2 text-xs"><RunbookLink row={r} /></td>
                <td className="px-3 py-2">{r.status === "firing" || r.silence ? <SilenceControl alertId={r.id} alertname={r.alertname} silence={silenceProp(r.silence)} canEdit={canEdit} /> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export { silenceProp };
