import { ShieldAlert, ShieldCheck, ShieldQuestion, UserCheck } from "lucide-react";
import { cn } from "@/lib/cn";

export type Danger = "safe" | "caution" | "destructive";

const DANGER: Record<Danger, { label: string; className: string; icon: typeof ShieldCheck }> = {
  safe: { label: "Safe", className: "border-ok/50 text-ok", icon: ShieldCheck },
  caution: { label: "Caution", className: "border-warning/60 bg-warning/10 text-warning", icon: ShieldQuestion },
  destructive: { label: "Destructive", className: "border-red-700 bg-red-600 text-white", icon: ShieldAlert },
};

export function DangerBadge({ danger }: { danger: Danger }) {
  const d = DANGER[danger] ?? DANGER.caution;
  return (
    <span className={cn("inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-semibold", d.className)} data-testid="danger-level">
      <d.icon className="size-3.5" aria-hidden />
      {d.label}
    </span>
  );
}

export function ApprovalBadge() {
  return (
    <span className="inline-flex items-center gap-1 rounded border border-accent/50 px-1.5 py-0.5 text-xs font-medium text-accent">
      <UserCheck className="size-3.5" aria-hidden />
      Needs approval
    </span>
  );
}
