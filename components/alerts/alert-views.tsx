import Link from "next/link";
import type { AlertCounts } from "@/lib/alerts/queries";
import { ALERT_VIEWS, type AlertFilter } from "@/lib/alerts/schemas";
import { SearchField } from "@/components/ui/filter-fields";
import { cn } from "@/lib/cn";

const LABELS = { firing: "Firing", silenced: "Silenced", resolved: "Resolved", all: "All" } as const;

const href = (view: string, q?: string) => `/alerts?${new URLSearchParams({ view, ...(q ? { q } : {}) })}`;

/** Firing / Silenced / Resolved / All, with their counts, and a search box. */
export function AlertViews({ filter, counts }: { filter: AlertFilter; counts: AlertCounts }) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <nav aria-label="Alert views" className="flex gap-1 rounded-lg border border-border bg-surface p-1">
        {ALERT_VIEWS.map((v) => (
          <Link key={v} href={href(v, filter.q)} aria-current={filter.view === v ? "page" : undefined} data-testid={`alerts-view-${v}`}
            className={cn("rounded-md px-3 py-1.5 text-sm font-medium", filter.view === v ? "bg-accent text-accent-fg" : "text-muted hover:bg-surface-2 hover:text-fg")}>
            {LABELS[v]} <span className={cn("ml-1 tabular-nums", v === "firing" && counts.firing && filter.view !== v && "font-bold text-danger")}>{counts[v]}</span>
          </Link>
        ))}
      </nav>
      <form action="/alerts" className="flex items-end gap-2" role="search">
        <input type="hidden" name="view" value={filter.view} />
        <SearchField value={filter.q} placeholder="Alert name, summary or service" />
      </form>
    </div>
  );
}
