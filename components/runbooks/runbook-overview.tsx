import { ActionButton } from "@/components/actions/action-button";
import { RunbookPhases } from "@/components/runbooks/runbook-phases";
import { StepBinder } from "@/components/runbooks/step-binder";
import { suggestBindings } from "@/lib/runbooks/parse/bindings";
import { Card } from "@/components/ui/card";
import type { ActionInfo } from "@/lib/actions/info-types";
import type { RunbookDetail } from "@/lib/runbooks/queries";

const Row = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div className="flex flex-col gap-1 sm:flex-row sm:gap-3">
    <dt className="w-28 shrink-0 text-xs font-medium tracking-wide text-muted uppercase">{label}</dt>
    <dd className="min-w-0 text-sm">{children}</dd>
  </div>
);

type ActionRef = { service: string; action: string; title: string; commands: string[] };

/**
 * The guide: what it answers, what it looks like when it happens, then the steps with their
 * action links. `runnable`: the bound actions a responder may run from here (outside an
 * incident; inside one, the guided run records them on its timeline).
 */
export function RunbookOverview({ runbook: rb, actions, runnable = [], canEdit }: { runbook: RunbookDetail; actions: ActionRef[]; runnable?: ActionInfo[]; canEdit: boolean }) {
  const p = rb.parsed;
  const suggestions = suggestBindings({ file: rb.source, title: rb.title, runbooks: [p] }, actions);
  const suggested = new Map(suggestions.map((s) => [`${s.phaseIndex}.${s.stepIndex}`, s]));
  const titleOf = new Map(actions.map((a) => [`${a.service}/${a.action}`, a.title]));
  return (
    <>
      <Card className="p-4">
        <dl className="flex flex-col gap-2.5">
          <Row label="Alerts">{p.alerts.length ? <span className="font-mono">{p.alerts.join(", ")}</span> : <span className="text-muted">none named</span>}</Row>
          {p.severity ? <Row label="Severity">{p.severity.raw}{p.severity.level ? ` (${p.severity.level})` : ""}</Row> : null}
          {p.symptoms.length ? <Row label="Symptoms"><ul className="list-disc pl-4">{p.symptoms.map((s, i) => <li key={i}>{s}</li>)}</ul></Row> : null}
          {p.placeholders.length ? <Row label="Fill in"><span className="font-mono">{p.placeholders.join(" ")}</span> <span className="text-muted">(once per run, in guided mode)</span></Row> : null}
        </dl>
      </Card>
      <RunbookPhases
        runbook={p}
        below={(slot) => {
          const b = slot.step.binding;
          const info = b ? runnable.find((i) => i.service === b.service && i.name === b.action) : undefined;
          return info ? <span><ActionButton info={info} context={{}} bound={b!.params} /></span> : null;
        }}
        controls={(slot) => {
          if (slot.step.binding || slot.number === null) return null;
          const hit = suggested.get(slot.key);
          const suggestion = hit ? { ...hit, title: titleOf.get(`${hit.service}/${hit.action}`) ?? hit.action } : null;
          return <StepBinder slug={rb.slug} version={rb.version} step={slot.key} suggestion={suggestion} actions={actions} canEdit={canEdit && !rb.archived} />;
        }}
      />
    </>
  );
}
