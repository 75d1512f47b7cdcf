"use client";
import { useEffect, useRef, useState } from "react";
import { ChevronLeft, ChevronRight, Search } from "lucide-react";
import { STATUS_FILTERS, type ServicePageQuery, type StatusFilter } from "@/lib/services/service-filter";
import { Button } from "@/components/ui/button";
import { filterInput, filterLabel } from "@/components/ui/filter-fields";
import { cn } from "@/lib/cn";

const STATUS_LABEL: Record<StatusFilter, string> = {
  all: "All statuses",
  failing: "Failing (down, impacted, degraded)",
  down: "Down",
  impacted: "Impacted",
  degraded: "Degraded",
  unknown: "Unknown",
  up: "Up",
};

type Props = { query: ServicePageQuery; onChange: (next: ServicePageQuery) => void };

/**
 * Search and status filter. A plain GET form without JavaScript; with it, typing filters after a
 * short pause and the URL follows, so a filtered view can be shared or reloaded.
 */
export function ServicesFilter({ query, onChange }: Props) {
  const [q, setQ] = useState(query.q);
  const latest = useRef(query);
  useEffect(() => {
    latest.current = query;
  });
  useEffect(() => {
    if (q.trim() === latest.current.q) return;
    const t = setTimeout(() => onChange({ ...latest.current, q: q.trim(), page: 1 }), 250);
    return () => clearTimeout(t);
  }, [q, onChange]);
  return (
    <form
      method="get"
      action="/services"
      role="search"
      className="mb-3 flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ ...query, q: q.trim(), page: 1 });
      }}
    >
      <label className={cn(filterLabel, "min-w-64 flex-1")}>
        Search services
        <span className="relative">
          <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted" aria-hidden />
          <input
            name="q"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Name, slug, team or owner"
            className={cn(filterInput, "pl-8")}
            data-testid="services-search"
          />
        </span>
      </label>
      <label className={filterLabel}>
        Status
        <select
          name="status"
          value={query.status}
          onChange={(e) => onChange({ ...query, status: e.target.value as StatusFilter, page: 1 })}
          className={filterInput}
          data-testid="services-status-filter"
        >
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>{STATUS_LABEL[s]}</option>
          ))}
        </select>
      </label>
    </form>
  );
}

type PagerProps = { page: number; pageCount: number; matched: number; per: number; onPage: (page: number) => void };

/** "Services 51–100 of 1,400 · Page 2 of 28", with previous and next. */
export function ServicesPager({ page, pageCount, matched, per, onPage }: PagerProps) {
  if (pageCount <= 1) return null;
  const first = (page - 1) * per + 1;
  const last = Math.min(matched, page * per);
  return (
    <nav aria-label="Pages of services" className="mt-3 flex flex-wrap items-center gap-3 text-sm" data-testid="services-pager">
      <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        <ChevronLeft className="size-4" aria-hidden /> Previous
      </Button>
      <span className="tabular-nums" data-testid="services-page">
        {first.toLocaleString("en-US")}–{last.toLocaleString("en-US")} of {matched.toLocaleString("en-US")} · Page {page} of {pageCount}
      </span>
      <Button variant="secondary" size="sm" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
        Next <ChevronRight className="size-4" aria-hidden />
      </Button>
    </nav>
  );
}
