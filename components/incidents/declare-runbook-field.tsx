"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { getJson } from "@/components/services/use-services";
import { Field, inputClass } from "@/components/ui/field";

type Option = { slug: string; title: string };

/**
 * The runbook an incident declared from a failing service starts with: the service's best
 * runbook is preselected (the incident page then suggests it first), any other of its runbooks
 * or none can be chosen. Only the slug is sent; the server checks it exists.
 */
export function DeclareRunbookField({ service, errors }: { service: string; errors?: string[] }) {
  const { data, error, isPending } = useQuery({
    queryKey: ["runbooks", "service", service],
    queryFn: ({ signal }) => getJson<{ runbooks: Option[] }>(`/api/services/${encodeURIComponent(service)}/runbooks`, signal),
    staleTime: 60_000,
  });
  const [picked, setPicked] = useState<string | null>(null);
  const options = data?.runbooks ?? [];
  const value = picked ?? options[0]?.slug ?? "";
  const hint = error
    ? `The runbooks could not be loaded (${error.message}); you can declare without one.`
    : !isPending && !options.length
      ? `No runbook in the library is linked to ${service}.`
      : `Suggested first on the incident. From the runbooks linked to ${service}.`;
  return (
    <Field label="Runbook" name="runbook" errors={errors} hint={hint}>
      <select
        id="runbook"
        name="runbook"
        value={value}
        disabled={isPending}
        onChange={(e) => setPicked(e.target.value)}
        className={inputClass}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? "runbook-error" : undefined}
        data-testid="declare-runbook"
      >
        {isPending ? <option value="">Loading runbooks…</option> : null}
        {options.map((o) => (
          <option key={o.slug} value={o.slug}>{o.title}</option>
        ))}
        {!isPending ? <option value="">No runbook</option> : null}
      </select>
    </Field>
  );
}
