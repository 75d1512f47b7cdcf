import { cn } from "@/lib/cn";

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** Invalid intervals (a milestone before its start) are never charted, and always said so. */
export function InvalidNote({ count, className }: { count: number; className?: string }) {
  return (
    <span className={cn(count ? "text-warning" : "text-muted", className)} data-testid="invalid-note">
      {plural(count, "invalid interval")} excluded
    </span>
  );
}
