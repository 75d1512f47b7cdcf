"use client";
import { useState } from "react";
import { Unlink } from "lucide-react";
import { linkIncidentAction, unlinkIncidentAction } from "@/lib/incidents/link-actions";
import { incidentRef } from "@/lib/incidents/rules";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { useHydrated } from "@/components/timeline/use-now";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

/** "Link incident": relate this incident to another by its number (INC-12, #12 or 12). */
export function LinkIncidentForm({ incidentId }: { incidentId: string }) {
  const { run, pending, fieldErrors } = useIncidentMutation();
  const hydrated = useHydrated();
  const [other, setOther] = useState("");
  const error = fieldErrors.other?.join(" ");
  // Nothing to do with it before React runs: it joins the page then (its HTML weighs on every load).
  if (!hydrated) return null;
  return (
    <form
      className="flex flex-1 flex-col gap-1"
      data-hydrated={hydrated}
      onSubmit={(e) => {
        e.preventDefault();
        run(() => linkIncidentAction({ incidentId, other }), () => setOther(""));
      }}
    >
      <div className="flex gap-2">
        <label htmlFor="link-other" className="sr-only">Incident to link</label>
        <input
          id="link-other" value={other} onChange={(e) => setOther(e.target.value)} placeholder="INC-12" autoComplete="off"
          className={`${inputClass} max-w-40`} aria-invalid={Boolean(error)} aria-describedby={error ? "link-other-error" : undefined}
        />
        <Button type="submit" variant="secondary" disabled={pending || !other.trim()}>Link incident</Button>
      </div>
      {error ? <p id="link-other-error" className="text-sm text-danger">{error}</p> : null}
    </form>
  );
}

export function UnlinkButton({ incidentId, other }: { incidentId: string; other: number }) {
  const { run, pending } = useIncidentMutation();
  return (
    <Button size="sm" variant="ghost" disabled={pending} aria-label={`Unlink ${incidentRef(other)}`} onClick={() => run(() => unlinkIncidentAction({ incidentId, other }))}>
      <Unlink className="size-4" aria-hidden />Unlink
    </Button>
  );
}
