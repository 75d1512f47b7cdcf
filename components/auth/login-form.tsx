"use client";
import { useActionState } from "react";
import { loginAction, oidcSignInAction, type LoginState } from "@/lib/auth/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";

type Props = { callbackUrl: string; initialError?: string; oidcName: string | null };

export function LoginForm({ callbackUrl, initialError, oidcName }: Props) {
  const [state, formAction, pending] = useActionState<LoginState, FormData>(loginAction, { error: initialError });
  const errors = state.fieldErrors ?? {};
  return (
    <Card className="p-6">
      <h1 className="mb-1 text-xl font-semibold">Sign in</h1>
      <p className="mb-6 text-sm text-muted">Incident response for the on-call team.</p>
      {state.error ? (
        <p role="alert" data-testid="login-error" className="mb-4 rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
          {state.error}
        </p>
      ) : null}
      <form action={formAction} className="flex flex-col gap-4" noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <Field label="Email" name="email" errors={errors.email}>
          <input
            id="email" name="email" type="email" autoComplete="username" required autoFocus
            defaultValue={state.email} className={inputClass}
            aria-invalid={errors.email ? true : undefined} aria-describedby={errors.email ? "email-error" : undefined}
          />
        </Field>
        <Field label="Password" name="password" errors={errors.password}>
          <input
            id="password" name="password" type="password" autoComplete="current-password" required className={inputClass}
            aria-invalid={errors.password ? true : undefined} aria-describedby={errors.password ? "password-error" : undefined}
          />
        </Field>
        <Button type="submit" disabled={pending} className="mt-2">
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {oidcName ? (
        <form action={oidcSignInAction} className="mt-4 border-t border-border pt-4">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <Button type="submit" variant="secondary" className="w-full">
            Sign in with {oidcName}
          </Button>
        </form>
      ) : null}
    </Card>
  );
}
