"use client";
import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { declareIncidentAction } from "@/lib/incidents/actions";
import type { Severity } from "@/lib/incidents/rules";
import { DeclareRunbookField } from "@/components/incidents/declare-runbook-field";
import { ServicesInput } from "@/components/incidents/services-input";
import { SeverityPicker } from "@/components/incidents/severity-picker";
import { MarkdownField } from "@/components/timeline/markdown-field";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

/**
 * What a declaration from a failing service starts with: its title, the severity its tier
 * suggests, the service, and a summary. `runbookFor` offers that service's runbooks.
 */
export type DeclarePrefill = { title: string; severity: Severity; services: string[]; summary?: string; runbookFor?: string };

/**
 * The declare form in a native modal <dialog>: the browser traps focus, makes the page behind it
 * inert and closes it on Escape. The form is never reset on error, so nothing typed is lost.
 * A prefill only sets starting values: everything stays editable and goes through the same action.
 */
export function DeclareDialog({ onClose, prefill }: { onClose: () => void; prefill?: DeclarePrefill }) {
  const ref = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [summary, setSummary] = useState(prefill?.summary ?? "");
  const [services, setServices] = useState(prefill?.services.join(", ") ?? "");

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLInputElement>("#title")?.focus();
  }, []);

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    start(async () => {
      const result = await declareIncidentAction(form);
      if (result.ok) {
        toast.success(result.message ?? "Incident declared.");
        ref.current?.close();
        router.push(`/incidents/${result.data.number}`);
        return;
      }
      setErrors(result.fieldErrors ?? {});
      if (!result.fieldErrors) toast.error(result.error);
    });
  }

  const err = (name: string) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});

  return (
    <dialog
      ref={ref}
      aria-labelledby="declare-heading"
      onClose={onClose}
      className="m-auto w-[min(44rem,calc(100vw-2rem))] rounded-xl border border-border bg-bg p-0 text-fg shadow-2xl backdrop:bg-black/60"
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4 p-6" aria-label="Declare an incident">
        <h2 id="declare-heading" className="text-xl font-semibold">Declare an incident</h2>
        <Field label="Title" name="title" errors={errors.title}>
          <input id="title" name="title" required maxLength={200} defaultValue={prefill?.title} placeholder="Checkout API returns 502s" className={inputClass} {...err("title")} />
        </Field>
        <fieldset className="flex flex-col gap-1.5">
          <legend className="mb-1.5 text-sm font-medium">Severity</legend>
          <SeverityPicker name="severity" defaultValue={prefill?.severity} invalid={Boolean(errors.severity)} />
          {prefill ? <p className="text-xs text-muted">Suggested by the service&apos;s tier; change it if the impact says otherwise.</p> : null}
          {errors.severity ? <p id="severity-error" className="text-sm text-danger">{errors.severity.join(" ")}</p> : null}
        </fieldset>
        <Field label="Affected services (optional)" name="services" errors={errors.services} hint="Service names from the catalog, separated by commas or spaces.">
          <ServicesInput id="services" name="services" value={services} onChange={setServices} invalid={Boolean(errors.services)} describedBy={errors.services ? "services-error" : undefined} />
        </Field>
        {prefill?.runbookFor ? <DeclareRunbookField service={prefill.runbookFor} errors={errors.runbook} /> : null}
        <Field label="Summary (optional)" name="summary" errors={errors.summary}>
          <MarkdownField id="summary" value={summary} onValueChange={setSummary} rows={3} placeholder="What is happening, who is affected" {...err("summary")} />
        </Field>
        <Field label="Started at, UTC (optional)" name="startedAt" errors={errors.startedAt} hint="Leave empty for now. Set it when declaring after the fact.">
          <input id="startedAt" name="startedAt" type="datetime-local" className={inputClass} {...err("startedAt")} />
        </Field>
        {/* the summary textarea unmounts in preview mode: keep its value in the form anyway */}
        <input type="hidden" name="summary" value={summary} />
        <div className="flex justify-end gap-2 border-t border-border pt-4">
          <Button variant="secondary" onClick={() => ref.current?.close()}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? "Declaring…" : "Declare incident"}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
