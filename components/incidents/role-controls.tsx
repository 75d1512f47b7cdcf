"use client";
import { useOptimistic } from "react";
import { Hand } from "lucide-react";
import { assignIncidentRoleAction } from "@/lib/incidents/actions";
import { INCIDENT_ROLES, ROLE_NAMES, type IncidentRole } from "@/lib/incidents/schemas";
import { ConflictNotice } from "@/components/incidents/conflict-notice";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { useHydrated } from "@/components/timeline/use-now";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/lib/cn";

type Person = { id: string; name: string } | null;
type Props = {
  incidentId: string;
  holders: Record<IncidentRole, Person>;
  users: { id: string; name: string }[];
  me: { id: string; name: string };
  canEdit: boolean;
};

/** Commander, scribe and communications: anyone can (re)assign them, or take one with "I'm on it". */
export function RoleControls({ incidentId, holders, users, me, canEdit }: Props) {
  const { run, pending, conflict, dismiss } = useIncidentMutation();
  const hydrated = useHydrated();
  const current = Object.fromEntries(INCIDENT_ROLES.map((r) => [r, holders[r]?.id ?? ""])) as Record<IncidentRole, string>;
  const [shown, show] = useOptimistic(current, (state, change: { role: IncidentRole; userId: string }) => ({ ...state, [change.role]: change.userId }));
  const assign = (role: IncidentRole, userId: string) =>
    run(async () => {
      show({ role, userId });
      return assignIncidentRoleAction({ incidentId, role, from: current[role] || null, userId: userId || null });
    });
  // A holder who is no longer assignable (deactivated, or a viewer now) must still show up.
  const options = (role: IncidentRole) => (holders[role] && !users.some((u) => u.id === holders[role]!.id) ? [holders[role]!, ...users] : users);
  // Until React runs nothing here can act: the page's HTML names the holders as text (three lists
  // of every responder and their buttons weighed kilobytes on a page that must stay light).
  const editable = canEdit && hydrated;

  return (
    <div className="flex flex-col gap-3" data-testid="role-controls" data-hydrated={hydrated}>
      {editable && current.commander !== me.id ? (
        <Button onClick={() => assign("commander", me.id)} disabled={pending} className="w-full">
          <Hand className="size-4" aria-hidden />
          I&apos;m on it
        </Button>
      ) : null}
      {INCIDENT_ROLES.map((role) => (
        <div key={role} className="flex flex-col gap-1">
          <label htmlFor={`role-${role}`} className="text-xs font-medium uppercase tracking-wide text-muted">
            {ROLE_NAMES[role]}
          </label>
          {editable ? (
            <div className="flex gap-2">
              <select
                id={`role-${role}`}
                value={shown[role]}
                disabled={pending}
                onChange={(e) => assign(role, e.target.value)}
                className={cn(inputClass, "h-9 min-w-0 flex-1", !shown[role] && "text-muted")}
              >
                <option value="">Nobody</option>
                {options(role).map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                    {u.id === me.id ? " (you)" : ""}
                  </option>
                ))}
              </select>
              {shown[role] !== me.id && role !== "commander" ? (
                <Button size="sm" variant="secondary" className="h-9" disabled={pending} onClick={() => assign(role, me.id)} aria-label={`Take ${ROLE_NAMES[role].toLowerCase()} yourself`}>
                  Me
                </Button>
              ) : null}
            </div>
          ) : (
            <p id={`role-${role}`} className={cn("text-sm font-medium", !holders[role] && "text-muted")}>
              {holders[role]?.name ?? "Nobody"}
            </p>
          )}
        </div>
      ))}
      <ConflictNotice message={conflict} onDismiss={dismiss} />
    </div>
  );
}
