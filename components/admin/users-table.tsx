import { Badge, Card } from "@/components/ui/card";
import { UserActions } from "@/components/admin/user-actions";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { UserRow } from "@/lib/users/queries";

export function UsersTable({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-sm">
        <thead className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
          <tr>
            <th className="px-4 py-3 font-medium">User</th>
            <th className="px-4 py-3 font-medium">Role</th>
            <th className="px-4 py-3 font-medium">Status</th>
            <th className="px-4 py-3 font-medium">Last sign-in</th>
            <th className="px-4 py-3 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid={`user-row-${u.email}`} className="border-b border-border last:border-0">
              <td className="px-4 py-3">
                <p className="font-medium">
                  {u.name} {u.id === currentUserId ? <span className="text-xs text-muted">(you)</span> : null}
                </p>
                <p className="text-xs text-muted">
                  {u.email} · {u.source === "oidc" ? "single sign-on" : "password"}
                </p>
              </td>
              <td className="px-4 py-3">{ROLE_LABELS[u.role]}</td>
              <td className="px-4 py-3">
                {u.active ? <Badge tone="ok">Active</Badge> : <Badge tone="danger">Deactivated</Badge>}
              </td>
              <td className="px-4 py-3 text-muted" title={u.lastLoginAt?.toISOString()}>
                {u.lastLoginAt ? u.lastLoginAt.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "never"}
              </td>
              <td className="px-4 py-3">
                <UserActions user={{ id: u.id, email: u.email, role: u.role, active: u.active, hasPassword: u.source !== "oidc" }} isSelf={u.id === currentUserId} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
