import type { Metadata } from "next";
import Link from "next/link";
import { BarChart3, SearchX } from "lucide-react";
import { IncidentFilters } from "@/components/incidents/incident-filters";
import { IncidentsTable } from "@/components/incidents/incidents-table";
import { filterFromParams, type SearchParams } from "@/components/incidents/list-params";
import { Pagination } from "@/components/incidents/pagination";
import { LiveRefresh } from "@/components/live/live-refresh";
import { getRenderSeq } from "@/lib/live/queries";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { listAssignableUsers, listIncidents } from "@/lib/incidents/queries";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageUser();
  const params = await searchParams;
  const since = await getRenderSeq();
  const [list, users] = await Promise.all([listIncidents(filterFromParams(params)), listAssignableUsers()]);
  return (
    <>
      <LiveRefresh topics={["incidents"]} since={since} />
      <PageHeader
        title="Incidents"
        description="Every incident, newest first. Filters live in the URL: share it."
        actions={
          <Link href="/incidents/metrics" className="inline-flex h-10 items-center gap-2 rounded-md border border-border bg-surface px-4 text-sm font-medium hover:bg-surface-2">
            <BarChart3 className="size-4" aria-hidden />
            MTTx metrics
          </Link>
        }
      />
      <IncidentFilters params={params} users={users} />
      {list.items.length ? (
        <IncidentsTable items={list.items} />
      ) : (
        <Card className="flex flex-col items-center gap-2 p-10 text-center" data-testid="incidents-empty">
          <SearchX className="size-8 text-muted" aria-hidden />
          <p className="text-base font-medium">No incidents match these filters.</p>
          <p className="text-sm text-muted">
            Try <Link href="/incidents?status=all" className="text-accent underline">all statuses</Link>, or press <kbd className="rounded border border-border px-1 font-mono">D</kbd> to declare one.
          </p>
        </Card>
      )}
      <Pagination params={params} page={list.page} pageSize={list.pageSize} total={list.total} />
    </>
  );
}
