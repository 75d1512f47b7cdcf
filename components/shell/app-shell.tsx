import { Suspense } from "react";
import { LogOut } from "lucide-react";
import { Brand, NavLinks } from "@/components/shell/nav-links";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { NotificationFailures } from "@/components/shell/notification-failures";
import { DeclareButton } from "@/components/incidents/declare-button";
import { Badge } from "@/components/ui/card";
import { signOutAction } from "@/lib/auth/actions";
import { hasRole, ROLE_LABELS } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/session";

const ROLE_TONE = { admin: "danger", responder: "accent", viewer: "neutral" } as const;

export function AppShell({ user, children }: { user: CurrentUser; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <nav aria-label="Main" className="sticky top-0 flex h-screen w-56 shrink-0 flex-col border-r border-border bg-surface px-3 py-4">
        <div className="mb-4 px-3">
          <Brand />
        </div>
        <div className="mb-4">
          <DeclareButton canDeclare={hasRole(user.role, "responder")} />
        </div>
        <NavLinks isAdmin={user.role === "admin"} />
        <div className="mt-auto flex flex-col gap-2 border-t border-border pt-3">
          <div className="px-2" data-testid="current-user">
            <p className="truncate text-sm font-medium" title={user.email}>
              {user.name}
            </p>
            <p className="truncate text-xs text-muted">{user.email}</p>
            <Badge tone={ROLE_TONE[user.role]} className="mt-1" data-testid="current-role">
              {ROLE_LABELS[user.role]}
            </Badge>
          </div>
          <ThemeToggle />
          <form action={signOutAction}>
            <button
              type="submit"
              className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm text-muted hover:bg-surface-2 hover:text-fg"
            >
              <LogOut className="size-4" aria-hidden />
              Sign out
            </button>
          </form>
        </div>
      </nav>
      <main id="main" className="min-w-0 flex-1 px-8 py-6">
        {user.role === "admin" ? (
          <Suspense fallback={null}>
            <NotificationFailures />
          </Suspense>
        ) : null}
        {children}
      </main>
    </div>
  );
}
