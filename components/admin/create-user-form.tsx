"use client";
import { useActionState, useEffect, useRef } from "react";
import { toast } from "sonner";
import { createUserAction } from "@/lib/users/actions";
import type { ActionResult } from "@/lib/action-client";
import { ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/auth/roles";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";

type State = ActionResult<{ id: string }> | null;

export function CreateUserForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, action, pending] = useActionState<State, FormData>(createUserAction, null);
  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      toast.success(state.message);
      formRef.current?.reset();
    } else if (!state.fieldErrors) toast.error(state.error);
  }, [state]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};

  return (
    <Card className="p-5">
      <h2 className="mb-4 text-base font-semibold">Add a user</h2>
      <form ref={formRef} action={action} className="grid items-start gap-4 md:grid-cols-2 xl:grid-cols-[1fr_1fr_1fr_1fr_auto]" noValidate aria-label="Add a user">
        <Field label="Name" name="name" errors={errors.name}>
          <input id="name" name="name" defaultValue={values.name} className={inputClass} aria-invalid={errors.name ? true : undefined} />
        </Field>
        <Field label="Email" name="email" errors={errors.email}>
          <input id="email" name="email" type="email" defaultValue={values.email} className={inputClass} aria-invalid={errors.email ? true : undefined} />
        </Field>
        <Field label="Role" name="role" errors={errors.role}>
          <select id="role" name="role" defaultValue={values.role ?? "responder"} key={values.role ?? "responder"} className={inputClass}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Initial password" name="password" errors={errors.password} hint="At least 12 characters. Share it privately.">
          <input id="password" name="password" type="password" autoComplete="new-password" className={inputClass} aria-invalid={errors.password ? true : undefined} />
        </Field>
        <Button type="submit" disabled={pending} className="xl:mt-7">
          {pending ? "Adding…" : "Add user"}
        </Button>
        <p className="text-xs text-muted md:col-span-full">
          {ROLES.map((r) => `${ROLE_LABELS[r]}: ${ROLE_DESCRIPTIONS[r].toLowerCase()}.`).join(" ")}
        </p>
      </form>
    </Card>
  );
}
