import { cn } from "@/lib/cn";

export function Card({ className, ...props }: React.HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("rounded-lg border border-border bg-surface", className)} {...props} />;
}

export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: React.ReactNode }) {
  return (
    <header className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 text-sm text-muted">{description}</p> : null}
      </div>
      {actions}
    </header>
  );
}

export function Badge({ tone = "neutral", className, ...props }: React.HTMLAttributes<HTMLSpanElement> & { tone?: "neutral" | "ok" | "danger" | "warning" | "accent" }) {
  const tones = {
    neutral: "border-border text-muted",
    ok: "border-ok/40 text-ok",
    danger: "border-danger/40 text-danger",
    warning: "border-warning/40 text-warning",
    accent: "border-accent/40 text-accent",
  };
  return <span className={cn("inline-flex items-center rounded border px-1.5 py-0.5 text-xs font-medium", tones[tone], className)} {...props} />;
}
