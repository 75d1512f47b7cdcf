import { BellRing } from "lucide-react";
import type { AlertRow } from "@/lib/alerts/queries";
import { SeverityBadge } from "@/components/incidents/badges";
import { Time } from "@/components/timeline/time";
import { Card } from "@/components/ui/card";
import { AlertState, LabelChips, RunbookLink, SourceLink } from "@/components/alerts/alert-bits";

/** The alerts behind an incident, each with its runbook: where a responder starts. */
export function IncidentAlerts({ alerts }: { alerts: AlertRow[] }) {
  if (!alerts.length) return null;
  const firing = alerts.filter((a) => a.status === "firing").length;
  return (
    <Card className="p-4" data-testid="incident-alerts">
      <h2 className="mb-3 flex items-center gap-2 text-sm font-bold uppercase tracking-wider text-muted">
        <BellRing className="size-4" aria-hidden />Alerts
        <span className="font-normal normal-case tracking-normal">{firing ? `${firing} firing` : "all resolved"} of {alerts.length}</span>
      </h2>
      <ul className="flex flex-col divide-y divide-border">
        {alerts.map((a) => (
          <li key={a.id} className="flex flex-wrap items-start gap-x-3 gap-y-1 py-2 first:pt-0 last:pb-0" data-testid="incident-alert" data-alertname={a.alertname} data-status={a.status}>
            <SeverityBadge severity={a.severity} />
            <div className="flex min-w-0 flex-1 flex-col gap-0.5">
              <span className="font-semibold">{a.alertname}{a.service ? <span className="font-normal text-muted"> · {a.service}</span> : null}</span>
              {a.summary ? <span className="text-sm text-muted">{a.summary}</span> : null}
              <LabelChips labels={a.labels} />
              <span className="flex flex-wrap items-center gap-3 text-xs text-muted">
                <span>since <Time at={a.startsAt} /></span>
                <SourceLink row={a} />
              </span>
            </div>
            <div className="flex flex-col items-end gap-1 text-sm">
              <AlertState row={a} />
              <RunbookLink row={a} />
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
