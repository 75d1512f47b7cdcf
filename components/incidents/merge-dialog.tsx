"use client";
import { useRef, useState } from "react";
import { GitMerge } from "lucide-react";
import { mergeIncidentAction } from "@/lib/incidents/link-actions";
import { incidentRef, parseIncidentRef } from "@/lib/incidents/rules";
import { ConflictNotice } from "@/components/incidents/conflict-notice";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { useHydrated } from "@/components/timeline/use-now";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

type Props = { incident: { id: string; number: number; version: number } };

/** "Merge into…": pick the incident that stays, then confirm. This one closes as merged; Reopen undoes it. */
export function MergeButton({ incident }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const { run, pending, conflict, dismiss, fieldErrors } = useIncidentMutation();
  const [into, setInto] = useState("");
  const [error, setError] = useState<string | null>(null);
  const target = parseIncidentRef(into);
  const self = incidentRef(incident.number);
  // The dialog opens only from a click, after hydration: its form need not be in the page's HTML.
  const hydrated = useHydrated();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    run(
      () => mergeIncidentAction({ incidentId: incident.id, version: incident.version, into }),
      () => ref.current?.close(),
      // Refusals stay in the dialog too: a toast may sit behind the modal's backdrop.
      (r) => setError(r.ok || r.code === "CONFLICT" || r.fieldErrors?.into ? null : r.error),
    );
  }

  return (
    <>
      <Button variant="secondary" onClick={() => ref.current?.showModal()}>
        <GitMerge className="size-4" aria-hidden />Merge into…
      </Button>
      <dialog ref={ref} aria-labelledby="merge-heading" data-testid="merge-dialog"
        className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-xl border border-border bg-bg p-0 text-fg shadow-2xl backdrop:bg-black/60">
        {hydrated ? <form onSubmit={submit} noValidate className="flex flex-col gap-4 p-6">
          <h2 id="merge-heading" className="text-xl font-semibold">Merge {self} into another incident</h2>
          <p className="text-sm text-muted">
            {self} closes as merged. Its alerts move to the incident you pick, its services are added there, and its
            timeline stays here. Reopening {self} later un-merges it.
          </p>
          <Field label="The incident that stays" name="merge-into" errors={fieldErrors.into}>
            <input id="merge-into" value={into} onChange={(e) => setInto(e.target.value)} placeholder="INC-12" autoComplete="off" className={inputClass} />
          </Field>
          {error ? <p className="text-sm text-danger" data-testid="merge-error">{error}</p> : null}
          <ConflictNotice message={conflict} onDismiss={dismiss} />
          <div className="flex flex-wrap justify-end gap-2 border-t border-border pt-4">
            <Button variant="ghost" onClick={() => ref.current?.close()}>Cancel</Button>
            <Button type="submit" variant="danger" disabled={pending || target === null}>
              {target === null ? "Merge" : `Merge ${self} into ${incidentRef(target)}`}
            </Button>
          </div>
        </form> : null}
      </dialog>
    </>
  );
}
