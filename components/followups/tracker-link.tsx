import { ExternalLink } from "lucide-react";
import { cn } from "@/lib/cn";

/** The external tracker's page for an action item, in a new tab (never with access to this one). */
export function TrackerLink({ href, className }: { href: string; className?: string }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className={cn("inline-flex items-center gap-1 text-xs text-accent hover:underline", className)}>
      Tracker<ExternalLink className="size-3" aria-hidden /><span className="sr-only">(opens in a new tab)</span>
    </a>
  );
}
