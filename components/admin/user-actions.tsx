"use client";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { changeUserRoleAction, resetUserPasswordAction, setUserActiveAction } from "@/lib/users/actions";
import type { ActionResult } from "@/lib/action-client";
import { ROLES, ROLE_LABELS, type RoleName } from "@/lib/auth/roles";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/lib/cn";

type Props = { user: { id: string; email: string; role: RoleName; active: boolean; hasPassword: boolean }; isSelf: boolean };

function report(result: ActionResult<unknown>) {
  if (result.ok) toast.success(result.message ?? "Saved.");
  else toast.error(result.fieldErrors ? Object.values(result.fieldErrors).flat().join(" ") : result.error);
  return result.ok;
}

export function UserActions({ user, isSelf }: Props) {
  const [role, setRole] = useState<RoleName>(user.role);
  const [password, setPassword] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const run = (fn: () => Promise<ActionResult<unknown>>, after?: () => void) =>
    start(async () => {
      if (report(await fn())) after?.();
    });

  return (
    <div className="flex items-center justify-end gap-2 whitespace-nowrap">
      <label className="sr-only" htmlFor={`role-${user.id}`}>
        Role for {user.email}
      </label>
      <select
        id={`role-${user.id}`}
        value={role}
        onChange={(e) => setRole(e.target.value as RoleName)}
        className={cn(inputClass, "h-8 w-32")}
        disabled={pending}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      {role !== user.role ? (
        <Button size="sm" disabled={pending} onClick={() => run(() => changeUserRoleAction({ userId: user.id, role }))}>
          Save role
        </Button>
      ) : null}
      {user.hasPassword && password === null ? (
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => setPassword("")}>
          Reset password
        </Button>
      ) : null}
      {password !== null ? (
        <form
          className="flex items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            run(() => resetUserPasswordAction({ userId: user.id, password }), () => setPassword(null));
          }}
        >
          <input
            type="password" aria-label={`New password for ${user.email}`} autoComplete="new-password" autoFocus
            value={password} onChange={(e) => setPassword(e.target.value)} className={cn(inputClass, "h-8 w-40")}
          />
          <Button size="sm" type="submit" disabled={pending}>Set</Button>
          <Button size="sm" variant="ghost" onClick={() => setPassword(null)}>Cancel</Button>
        </form>
      ) : null}
      {!isSelf ? (
        <Button
          size="sm"
          variant={user.active ? "danger" : "secondary"}
          disabled={pending}
          onClick={() => {
            if (user.active && !window.confirm(`Deactivate ${user.email}? They are signed out on their next request.`)) return;
            run(() => setUserActiveAction({ userId: user.id, active: String(!user.active) }));
          }}
        >
          {user.active ? "Deactivate" : "Reactivate"}
        </Button>
      ) : null}
    </div>
  );
}
