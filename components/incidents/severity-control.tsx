"use client";
import { useState } from "react";
import { changeIncidentSeverityAction } from "@/lib/incidents/actions";
import { SEVERITIES, SEVERITY_INFO, type Severity } from "@/lib/incidents/rules";
import { ConflictNotice } from "@/components/incidents/conflict-notice";
import { SEVERITY_CLASS } from "@/components/incidents/labels";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { useHydrated } from "@/components/timeline/use-now";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";

/**
 * Picking a severity starts a change from the one on screen at that moment; confirming sends
 * that starting value, so a change made meanwhile by someone else is a conflict, not an overwrite.
 */
export function SeverityControl({ incidentId, severity }: { incidentId: string; severity: Severity }) {
  const { run, pending, conflict, dismiss } = useIncidentMutation();
  const hydrated = useHydrated();
  const [change, setChange] = useState<{ from: Severity; to: Severity } | null>(null);

  return (
    <div className="flex flex-col gap-2" data-testid="severity-control" data-hydrated={hydrated}>
      <div className="flex gap-1.5" role="group" aria-label="Severity">
        {SEVERITIES.map((s) => {
          const current = s === severity;
          const chosen = change?.to === s;
          return (
            <button
              key={s}
              type="button"
              aria-pressed={current}
              title={`${SEVERITY_INFO[s].label}: respond ${SEVERITY_INFO[s].responseTarget}`}
              disabled={pending}
              onClick={() => setChange(current ? null : { from: change?.from ?? severity, to: s })}
              className={cn(
                "h-10 flex-1 rounded-md border-2 text-sm font-bold transition",
                current ? SEVERITY_CLASS[s] : "border-border bg-surface text-muted hover:bg-surface-2 hover:text-fg",
                chosen && "border-accent ring-2 ring-accent",
              )}
            >
              {s}
            </button>
          );
        })}
      </div>
      {change ? (
        <div className="flex items-center gap-2">
          <Button
            size="sm"
            disabled={pending}
            onClick={() => run(() => changeIncidentSeverityAction({ incidentId, ...change }), undefined, () => setChange(null))}
          >
            Change severity to {change.to}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setChange(null)}>
            Cancel
          </Button>
        </div>
      ) : null}
      <ConflictNotice message={conflict} onDismiss={dismiss} />
    </div>
  );
}
