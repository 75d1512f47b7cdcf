"use client";
import { useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { actionRunKeys } from "@/components/actions/use-action-runs";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { approveActionRunAction, denyActionRunAction } from "@/lib/actions/actions";
import { oidcSignInAction } from "@/lib/auth/actions";
import type { ActionResult } from "@/lib/action-client";
import type { ActionRunView } from "@/lib/actions/run-view";

/**
 * A second person's decision on a waiting request: approve (re-confirming with their password,
 * or a fresh single sign-on) what is shown, exactly (its hash goes with the approval), or deny.
 */
export function ApprovalControls({ run }: { run: ActionRunView }) {
  const client = useQueryClient();
  const [password, setPassword] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [pending, start] = useTransition();
  const pwId = `approve-password-${run.id}`;

  const decide = (call: () => Promise<ActionResult<unknown>>) => start(async () => {
    const r = await call();
    if (r.ok) {
      toast.success(r.message ?? "Done.");
      setPassword("");
      await client.invalidateQueries({ queryKey: actionRunKeys.all });
    } else {
      setErrors(r.fieldErrors ?? {});
      if (!r.fieldErrors) toast.error(r.error);
    }
  });

  if (run.requestedByMe) {
    return (
      <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="awaiting-own">
        <span className="text-muted">Waiting for another responder to approve it.</span>
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => decide(() => denyActionRunAction({ runId: run.id, reason: "withdrawn by the requester" }))}>Withdraw</Button>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-2 rounded-md border border-accent/50 bg-accent/5 p-3" data-testid="approval-controls">
      <p className="text-sm font-medium">{run.requestedByLabel} asks for a second person to approve this.</p>
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-48 flex-1 flex-col gap-1">
          <label htmlFor={pwId} className="text-xs font-medium">Your password, to confirm</label>
          <input id={pwId} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} className={inputClass}
            aria-invalid={errors.password ? true : undefined} />
        </div>
        <Button disabled={pending} onClick={() => decide(() => approveActionRunAction({ runId: run.id, targetHash: run.targetHash, password }))}>Approve</Button>
        <input aria-label="Reason for denying (optional)" placeholder="Reason (optional)" value={reason} onChange={(e) => setReason(e.target.value)} className={`${inputClass} max-w-56`} maxLength={500} />
        <Button variant="secondary" disabled={pending} onClick={() => decide(() => denyActionRunAction({ runId: run.id, reason }))}>Deny</Button>
      </div>
      {errors.password ? <p className="text-sm text-danger">{errors.password.join(" ")}</p> : null}
      {errors.reauth ? (
        <form action={oidcSignInAction} className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-danger">{errors.reauth.join(" ")}</span>
          <input type="hidden" name="reauth" value="1" />
          <input type="hidden" name="callbackUrl" value={typeof window === "undefined" ? "/" : window.location.pathname + window.location.search} />
          <Button size="sm" type="submit" variant="secondary">Sign in again</Button>
        </form>
      ) : null}
      <p className="text-xs text-muted">You approve exactly these parameters on this target (ref {run.targetHash.slice(0, 12)}); the approval lasts 15 minutes.</p>
    </div>
  );
}
