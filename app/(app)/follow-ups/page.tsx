import type { Metadata } from "next";
import { ListChecks } from "lucide-react";
import { PageHeader } from "@/components/ui/card";
import { FollowupsFilters } from "@/components/followups/followups-filters";
import { FollowupsTable } from "@/components/followups/followups-table";
import { LiveRefresh } from "@/components/live/live-refresh";
import { requirePageUser } from "@/lib/auth/session";
import { FOLLOWUPS_LIMIT, listFollowups } from "@/lib/followups/list-queries";
import { followupFilterSchema } from "@/lib/followups/schemas";
import { listAssignableUsers } from "@/lib/incidents/queries";
import { INCIDENTS_TOPIC } from "@/lib/live/topics";
import { getRenderSeq } from "@/lib/live/queries";

export const metadata: Metadata = { title: "Follow-ups" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function FollowupsPage({ searchParams }: Props) {
  const user = await requirePageUser();
  const since = await getRenderSeq();
  const raw = await searchParams;
  const filter = followupFilterSchema.parse(Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === "string")));
  const [rows, users] = await Promise.all([listFollowups(filter, user.id), listAssignableUsers()]);
  const total = rows[0]?.total ?? 0;
  const overdue = rows.filter((r) => r.overdue).length;

  return (
    <>
      <LiveRefresh topics={[INCIDENTS_TOPIC]} since={since} />
      <PageHeader title="Follow-ups" description="Unchecked checklist items of resolved incidents and open action items, across incidents. Overdue first." />
      <FollowupsFilters filter={filter} users={users} />
      {rows.length ? (
        <>
          <p className="mb-2 text-sm text-muted" data-testid="followups-count">
            {total > rows.length ? `Showing the first ${FOLLOWUPS_LIMIT} of ${total}` : `${total} follow-up${total === 1 ? "" : "s"}`}
            {overdue ? <>, <strong className="text-danger">{overdue} overdue</strong></> : null}.
          </p>
          <FollowupsTable rows={rows} />
        </>
      ) : (
        <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-border p-10 text-center" data-testid="followups-empty">
          <ListChecks className="size-8 text-muted" aria-hidden />
          <p className="font-medium">Nothing to follow up{filter.overdue ? " that is overdue" : ""}{filter.owner === "mine" ? " for you" : ""}.</p>
          <p className="text-sm text-muted">Checklists are added when an incident resolves; action items are added from the incident page.</p>
        </div>
      )}
    </>
  );
}
