"use client";
import { useState } from "react";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/lib/cn";
import { setRunVarsAction } from "@/lib/runbooks/actions";
import { isSecretPlaceholder, placeholderLabel } from "@/lib/runbooks/placeholders";

/** The run's placeholders, filled once for everyone following it; commands update as saved. */
export function RunVarsForm({ runId, names, values, canEdit }: { runId: string; names: string[]; values: Record<string, string>; canEdit: boolean }) {
  const { run, pending, fieldErrors } = useIncidentMutation();
  const [draft, setDraft] = useState<Record<string, string>>(values);
  const changed = names.some((n) => (draft[n] ?? "") !== (values[n] ?? ""));
  function save(e: React.FormEvent) {
    e.preventDefault();
    run(() => setRunVarsAction({ runId, vars: Object.fromEntries(names.filter((n) => !isSecretPlaceholder(n)).map((n) => [n, draft[n] ?? ""])) }));
  }
  return (
    <form onSubmit={save} className="flex flex-wrap items-end gap-3" aria-label="Fill in the runbook's placeholders">
      {names.map((n) => isSecretPlaceholder(n) ? (
        <p key={n} className="flex h-[3.75rem] max-w-56 flex-col justify-end text-xs text-muted" data-testid="secret-placeholder">
          <span className="font-mono font-medium">{placeholderLabel(n)}</span>
          A secret: type it in your own terminal. Sitrep never stores it.
        </p>
      ) : (
        <label key={n} className="flex flex-col gap-1 text-xs font-medium text-muted">
          <span className="font-mono">{placeholderLabel(n)}</span>
          <input value={draft[n] ?? ""} disabled={!canEdit} onChange={(e) => setDraft({ ...draft, [n]: e.target.value })} placeholder={n}
            className={cn(inputClass, "w-48 font-mono")} aria-label={`Value for ${n}`} />
        </label>
      ))}
      {canEdit ? <Button type="submit" className="h-10" disabled={pending || !changed}>{pending ? "Saving…" : "Use these values"}</Button> : null}
      {fieldErrors["vars"] ? <p className="w-full text-sm text-danger">{fieldErrors["vars"].join(" ")}</p> : null}
    </form>
  );
}
