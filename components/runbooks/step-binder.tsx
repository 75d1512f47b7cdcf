"use client";
import { useState } from "react";
import { Link2, Sparkles } from "lucide-react";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/lib/cn";
import { bindRunbookStepAction } from "@/lib/runbooks/actions";

type ActionRef = { service: string; action: string; title: string };

/**
 * A step's link to a recovery action: the importer's suggestion (its command matches the
 * action's declared pattern) with one click to accept, or any catalog action chosen by hand.
 */
export function StepBinder({ slug, version, step, suggestion, actions, canEdit }: {
  slug: string; version: number; step: string; suggestion: (ActionRef & { command: string }) | null; actions: ActionRef[]; canEdit: boolean;
}) {
  const { run, pending } = useIncidentMutation();
  const [choosing, setChoosing] = useState(false);
  const [target, setTarget] = useState(suggestion ? `${suggestion.service}/${suggestion.action}` : "");
  const bind = (t: string) => run(() => bindRunbookStepAction({ slug, fromVersion: version, step, target: t }), () => setChoosing(false));
  if (!suggestion && !canEdit) return null;
  return (
    <div className="flex w-56 shrink-0 flex-col items-end gap-1.5 text-xs" data-testid="step-binder">
      {suggestion ? (
        <p className="flex items-start gap-1 text-right text-accent" title={`Matches: ${suggestion.command}`}>
          <Sparkles className="mt-0.5 size-3.5 shrink-0" aria-hidden />
          <span>Suggested action: <span className="font-medium">{suggestion.title}</span> <span className="font-mono">({suggestion.service}/{suggestion.action})</span></span>
        </p>
      ) : null}
      {canEdit && suggestion && !choosing ? (
        <Button size="sm" variant="secondary" className="h-7" disabled={pending} onClick={() => bind(`${suggestion.service}/${suggestion.action}`)}>
          <Link2 className="size-3.5" aria-hidden /> Bind
        </Button>
      ) : null}
      {canEdit && !choosing ? (
        <button type="button" className="text-muted hover:text-fg hover:underline" onClick={() => setChoosing(true)}>{suggestion ? "another action…" : "Bind to an action…"}</button>
      ) : null}
      {canEdit && choosing ? (
        <form className="flex w-full flex-col gap-1" onSubmit={(e) => { e.preventDefault(); if (target) bind(target); }}>
          <select value={target} onChange={(e) => setTarget(e.target.value)} className={cn(inputClass, "h-8 text-xs")} aria-label={`Action for step ${step}`}>
            <option value="">Choose an action</option>
            {actions.map((a) => <option key={`${a.service}/${a.action}`} value={`${a.service}/${a.action}`}>{a.service} · {a.title}</option>)}
          </select>
          <span className="flex justify-end gap-1">
            <Button size="sm" variant="ghost" className="h-7" onClick={() => setChoosing(false)}>Cancel</Button>
            <Button size="sm" type="submit" className="h-7" disabled={pending || !target}>Bind</Button>
          </span>
        </form>
      ) : null}
    </div>
  );
}
