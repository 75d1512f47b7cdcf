"use client";
import { ChevronDown, RotateCcw } from "lucide-react";
import { changeIncidentStatusAction } from "@/lib/incidents/actions";
import type { Status } from "@/lib/incidents/rules";
import { ConflictNotice } from "@/components/incidents/conflict-notice";
import { laterStatuses, NEXT_STEP, REOPEN_TARGETS, STATUS_LABELS } from "@/components/incidents/labels";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { useHydrated } from "@/components/timeline/use-now";
import { Button } from "@/components/ui/button";

const menuItem = "block w-full rounded px-3 py-2 text-left text-sm hover:bg-surface-2 disabled:opacity-50";

function Menu({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <details className="group relative">
      <summary className="flex h-10 cursor-pointer list-none items-center gap-1 rounded-md border border-border bg-surface px-3 text-sm font-medium hover:bg-surface-2 [&::-webkit-details-marker]:hidden">
        {label}
        <ChevronDown className="size-4 transition group-open:rotate-180" aria-hidden />
      </summary>
      <div className="absolute left-0 z-20 mt-1 w-56 rounded-md border border-border bg-surface p-1 shadow-lg" role="menu">
        {children}
      </div>
    </details>
  );
}

/** The next logical step as one big button; any later state, or a reopen, one menu away. */
export function StatusControls({ incidentId, status, merged = false }: { incidentId: string; status: Status; merged?: boolean }) {
  const { run, pending, conflict, dismiss } = useIncidentMutation();
  const hydrated = useHydrated();
  const move = (to: Status, reopen = false) => (e?: React.MouseEvent) => {
    e?.currentTarget.closest("details")?.removeAttribute("open");
    run(() => changeIncidentStatusAction({ incidentId, from: status, to, reopen }));
  };
  const next = NEXT_STEP[status];
  const closedOut = status === "resolved" || status === "closed";
  const jumps = laterStatuses(status).filter((s) => s !== next?.to);

  return (
    <div className="flex flex-col gap-2" data-testid="status-controls" data-hydrated={hydrated}>
      <div className="flex flex-wrap items-center gap-2">
        {next ? (
          <Button onClick={move(next.to)} disabled={pending} className="h-11 px-5 text-base">
            {next.label}
          </Button>
        ) : null}
        {jumps.length ? (
          <Menu label="Move to…">
            {jumps.map((s) => (
              <button key={s} type="button" role="menuitem" className={menuItem} disabled={pending} onClick={move(s)}>
                {STATUS_LABELS[s]}
              </button>
            ))}
          </Menu>
        ) : null}
        {closedOut ? (
          <>
            <Button variant="secondary" onClick={move("investigating", true)} disabled={pending}>
              <RotateCcw className="size-4" aria-hidden />
              {merged ? "Reopen and un-merge" : "Reopen"}
            </Button>
            <Menu label="Reopen as…">
              {REOPEN_TARGETS.map((s) => (
                <button key={s} type="button" role="menuitem" className={menuItem} disabled={pending} onClick={move(s, true)}>
                  {STATUS_LABELS[s]}
                </button>
              ))}
            </Menu>
          </>
        ) : null}
      </div>
      <ConflictNotice message={conflict} onDismiss={dismiss} />
    </div>
  );
}
