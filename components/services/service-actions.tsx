import { ShieldAlert, ShieldCheck, ShieldQuestion, UserCheck } from "lucide-react";
import type { ServiceDetail } from "@/lib/services/types";
import { cn } from "@/lib/cn";

type Action = ServiceDetail["actions"][number];

const DANGER: Record<Action["danger"], { label: string; className: string; icon: typeof ShieldCheck }> = {
  safe: { label: "Safe", className: "border-ok/50 text-ok", icon: ShieldCheck },
  caution: { label: "Caution", className: "border-warning/60 bg-warning/10 text-warning", icon: ShieldQuestion },
  destructive: { label: "Destructive", className: "border-red-700 bg-red-600 text-white", icon: ShieldAlert },
};

/** The recovery actions the catalog declares. Read-only here: runbooks run them, with an audit trail. */
export function ServiceActions({ actions }: { actions: Action[] }) {
  if (!actions.length) return <p className="text-sm text-muted">This service declares no recovery actions.</p>;
  return (
    <>
      <p className="mb-3 text-sm text-muted">Declared in the catalog; they run from runbooks once recovery actions land.</p>
      <ul className="grid gap-3 md:grid-cols-2" data-testid="service-actions">
        {actions.map((a) => {
          const d = DANGER[a.danger];
          return (
            <li key={a.name} className="flex flex-col gap-1.5 rounded-md border border-border p-3" data-testid="service-action" data-name={a.name}>
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-semibold">{a.title}</span>
                <span className={cn("inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-semibold", d.className)}>
                  <d.icon className="size-3.5" aria-hidden />
                  {d.label}
                </span>
                {a.approval ? (
                  <span className="inline-flex items-center gap-1 rounded border border-accent/50 px-1.5 py-0.5 text-xs font-medium text-accent">
                    <UserCheck className="size-3.5" aria-hidden />
                    Needs approval
                  </span>
                ) : null}
              </div>
              <code className="font-mono text-xs text-muted">{a.name}</code>
              {a.description ? <p className="text-sm">{a.description}</p> : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
