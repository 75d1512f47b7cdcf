import type { LucideIcon } from "lucide-react";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";

/** A titled card on the service page; the title is a real heading for screen-reader navigation. */
export function Section({ id, title, icon: Icon, children, className, testId }: { id: string; title: string; icon?: LucideIcon; children: React.ReactNode; className?: string; testId?: string }) {
  return (
    <Card className={cn("min-w-0 p-5", className)} role="region" aria-labelledby={id} data-testid={testId}>
      <h2 id={id} className="mb-3 flex items-center gap-2 text-sm font-bold tracking-wider text-muted uppercase">
        {Icon ? <Icon className="size-4" aria-hidden /> : null}
        {title}
      </h2>
      {children}
    </Card>
  );
}
