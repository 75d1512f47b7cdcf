import { ActionButton } from "@/components/actions/action-button";
import { ActionRunsPanel } from "@/components/actions/action-runs-panel";
import { ApprovalBadge, DangerBadge } from "@/components/actions/danger-badge";
import type { ActionInfo } from "@/lib/actions/info-types";

/** The recovery actions the catalog declares, each with its Run button, then this service's runs. */
export function ServiceActions({ service, actions, canAct }: { service: string; actions: ActionInfo[]; canAct: boolean }) {
  if (!actions.length) return <p className="text-sm text-muted">This service declares no recovery actions.</p>;
  return (
    <div className="flex flex-col gap-4">
      <ul className="grid gap-3 md:grid-cols-2" data-testid="service-actions">
        {actions.map((a) => (
          <li key={a.name} className="flex flex-col gap-1.5 rounded-md border border-border p-3" data-testid="service-action" data-name={a.name}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-semibold">{a.title}</span>
              <DangerBadge danger={a.danger} />
              {a.approval ? <ApprovalBadge /> : null}
            </div>
            <code className="font-mono text-xs text-muted">{a.name}</code>
            {a.description ? <p className="text-sm">{a.description}</p> : null}
            {a.verify ? <p className="text-xs text-muted">Verifies: {a.verify}{a.rollback ? ` · rollback: ${a.rollback}` : ""}</p> : null}
            {canAct ? <div className="mt-1"><ActionButton info={a} context={{}} label="Run…" /></div> : null}
          </li>
        ))}
      </ul>
      <h3 className="text-sm font-bold tracking-wider text-muted uppercase">Runs on this service</h3>
      <ActionRunsPanel scope={{ service }} infos={actions} canAct={canAct} context={{}} showButtons={false} />
    </div>
  );
}
