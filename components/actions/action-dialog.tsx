"use client";
import { useEffect, useRef, useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { ApprovalBadge, DangerBadge } from "@/components/actions/danger-badge";
import { initialValues, ParamFields } from "@/components/actions/param-fields";
import { PreviewPanel } from "@/components/actions/preview-panel";
import { actionRunKeys } from "@/components/actions/use-action-runs";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { dryRunRecoveryAction, previewRecoveryAction, requestRecoveryAction } from "@/lib/actions/actions";
import type { ActionContext, ActionInfo } from "@/lib/actions/info-types";
import type { ActionPreview } from "@/lib/actions/preview";

/**
 * The preflight dialog: parameters, the exact resolved request (from the server, secrets
 * masked), the danger level, and for a destructive action the service's name typed to confirm.
 * One idempotency key per opening: a double click or a retried submit finds the same run.
 */
export function ActionDialog({ info, context, bound, rollbackOfId, onClose }: { info: ActionInfo; context: ActionContext; bound?: Record<string, string | number>; rollbackOfId?: string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const client = useQueryClient();
  const [key] = useState(() => crypto.randomUUID());
  const [values, setValues] = useState(() => initialValues(info.params, bound));
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [shown, setShown] = useState<ActionPreview | null>(null);
  const [loading, setLoading] = useState(true);
  const [pending, start] = useTransition();
  const target = { service: info.service, action: info.name, params: values, ...context };

  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);

  useEffect(() => {
    let live = true;
    const t = setTimeout(async () => {
      const r = await previewRecoveryAction({ service: info.service, action: info.name, params: values });
      if (!live) return;
      setLoading(false);
      setShown(r.ok ? r.data : null);
      setErrors(r.ok ? {} : r.fieldErrors ?? { form: [r.error] });
    }, 200);
    return () => { live = false; clearTimeout(t); };
  }, [info.service, info.name, values]);

  const destructive = info.danger === "destructive";
  const ready = shown && !shown.preview.error && !(destructive && confirm.trim() !== info.service);

  function dryRun() {
    start(async () => {
      const r = await dryRunRecoveryAction(target);
      if (r.ok) { setShown(r.data); toast.success(r.message ?? "Dry run recorded."); } else toast.error(r.error);
    });
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    start(async () => {
      const r = await requestRecoveryAction({ ...target, idempotencyKey: key, confirm, rollbackOfId });
      if (r.ok) {
        toast.success(r.message ?? "Submitted.");
        await client.invalidateQueries({ queryKey: actionRunKeys.all });
        ref.current?.close();
        return;
      }
      setErrors(r.fieldErrors ?? {});
      if (!r.fieldErrors || Object.keys(r.fieldErrors).every((k) => k === "form")) toast.error(r.error);
    });
  }

  return (
    <dialog ref={ref} aria-labelledby="action-heading" onClose={onClose} data-testid="action-dialog"
      className="m-auto w-[min(46rem,calc(100vw-2rem))] rounded-xl border border-border bg-bg p-0 text-fg shadow-2xl backdrop:bg-black/60">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4 p-6">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="action-heading" className="text-xl font-semibold">{info.title}</h2>
          <DangerBadge danger={info.danger} />
          {info.approval ? <ApprovalBadge /> : null}
        </div>
        <p className="text-sm text-muted">On <span className="font-semibold text-fg">{info.serviceName}</span> ({info.service}){info.description ? ` · ${info.description}` : ""}</p>
        <ParamFields params={info.params} values={values} errors={errors} onChange={(v) => { setLoading(true); setValues(v); }} />
        <PreviewPanel shown={shown} loading={loading} />
        {errors.form ? <p className="text-sm text-danger">{errors.form.join(" ")}</p> : null}
        {destructive ? (
          <Field label={`Type ${info.service} to confirm`} name="action-confirm" errors={errors.confirm}>
            <input id="action-confirm" value={confirm} onChange={(e) => setConfirm(e.target.value)} className={inputClass} autoComplete="off" spellCheck={false} placeholder={info.service} />
          </Field>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2 border-t border-border pt-4">
          <Button variant="ghost" onClick={() => ref.current?.close()}>Cancel</Button>
          <Button variant="secondary" disabled={pending || !shown} onClick={dryRun}>Dry run</Button>
          <Button type="submit" variant={destructive ? "danger" : "primary"} disabled={pending || !ready}>
            {info.approval ? "Request approval" : destructive ? "Run destructive action" : "Run now"}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
