"use client";
import { useCallback, useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { HealthStatus, ServicePage } from "@/lib/services/types";
import { pageQueryString, type ServicePageQuery } from "@/lib/services/service-filter";
import { LiveIndicator } from "@/components/live/live-indicator";
import { serviceKeys } from "@/components/services/keys";
import { ROW_CELLS, ServiceRow } from "@/components/services/service-row";
import { ServicesFilter, ServicesPager } from "@/components/services/services-controls";
import { StaleNote } from "@/components/services/stale-note";
import { StatusBadge } from "@/components/services/status-badge";
import { useServiceDeltas } from "@/components/services/use-service-deltas";
import { getJson } from "@/components/services/use-services";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";

const th = "px-3 py-2.5 font-medium whitespace-nowrap";
/** Deltas carry status changes; latency and uptime of the rows on screen refresh this often. */
const PAGE_REFRESH_MS = 60_000;
const ORDER = ["down", "impacted", "degraded", "unknown", "up"] as const;

const queryOf = (p: ServicePage): ServicePageQuery => ({ q: p.q, status: p.status as ServicePageQuery["status"], page: p.page, per: p.per });

function Counts({ counts }: { counts: Partial<Record<HealthStatus, number>> }) {
  return (
    <p className="flex flex-wrap gap-2" data-testid="services-counts">
      {ORDER.map((st) =>
        counts[st] ? (
          <span key={st} className="inline-flex items-center gap-1 text-sm">
            <StatusBadge status={st} testId="status-count" /> <span className="font-semibold tabular-nums">{counts[st]}</span>
          </span>
        ) : null,
      )}
    </p>
  );
}

function usePage(initial: ServicePage, query: ServicePageQuery) {
  const qs = pageQueryString(query);
  const [initialQs] = useState(() => pageQueryString(queryOf(initial)));
  return useQuery({
    queryKey: serviceKeys.page(qs),
    queryFn: ({ signal }) => getJson<ServicePage>(`/api/services${qs || "?page=1"}`, signal),
    initialData: qs === initialQs ? initial : undefined,
    placeholderData: keepPreviousData,
    staleTime: PAGE_REFRESH_MS,
    refetchInterval: PAGE_REFRESH_MS,
  });
}

/** The fleet a page at a time, worst first, searchable; kept current by deltas, not refetches. */
export function ServicesTable({ initial, canDeclare = false }: { initial: ServicePage; canDeclare?: boolean }) {
  const [query, setQuery] = useState(() => queryOf(initial));
  const { data = initial, isFetching } = usePage(initial, query);
  const live = useServiceDeltas(initial.cursor);
  const onChange = useCallback((next: ServicePageQuery) => setQuery(next), []);
  useEffect(() => {
    // The URL follows the view (shareable, survives a reload) without a server navigation.
    const url = `/services${pageQueryString(query)}`;
    if (url !== window.location.pathname + window.location.search) window.history.replaceState(window.history.state, "", url);
  }, [query]);
  return (
    <section aria-labelledby="services-heading" className="mb-8">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h2 id="services-heading" className="text-lg font-semibold">
          {data.total.toLocaleString("en-US")} service{data.total === 1 ? "" : "s"}
        </h2>
        <Counts counts={data.counts} />
        <LiveIndicator className="ml-auto" />
      </div>
      <ServicesFilter query={query} onChange={onChange} />
      <StaleNote error={live.error} updatedAt={live.updatedAt} />
      <Card className={cn("overflow-x-auto", isFetching && "opacity-80")}>
        <table className={cn("w-full text-sm", ROW_CELLS)} data-testid="services-table" data-matched={data.matched}>
          <thead className="border-b border-border text-left text-xs tracking-wide text-muted uppercase">
            <tr>
              <th className={th} scope="col">Status · since</th>
              <th className={th} scope="col">Service</th>
              <th className={th} scope="col">Reason</th>
              <th className={th} scope="col">Incidents</th>
              <th className={cn(th, "text-right")} scope="col">Latency</th>
              <th className={cn(th, "text-right")} scope="col">Uptime</th>
              <th className={th} scope="col">Depends on</th>
              <th className={th} scope="col">Owner · team</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((s) => (
              <ServiceRow key={s.slug} s={s} canDeclare={canDeclare} dependencyStatus={data.dependencyStatus} />
            ))}
          </tbody>
        </table>
        {!data.rows.length ? (
          <p className="px-3 py-6 text-center text-sm text-muted" data-testid="services-none">No service matches this search.</p>
        ) : null}
      </Card>
      <ServicesPager page={data.page} pageCount={data.pageCount} matched={data.matched} per={data.per} onPage={(page) => setQuery({ ...query, page })} />
    </section>
  );
}
