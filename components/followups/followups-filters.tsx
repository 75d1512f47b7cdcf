import { Button } from "@/components/ui/button";
import { filterInput, filterLabel } from "@/components/ui/filter-fields";
import { ACTION_STATUSES, ACTION_STATUS_LABELS } from "@/lib/followups/rules";
import type { FollowupFilter } from "@/lib/followups/schemas";
import { cn } from "@/lib/cn";

/** A plain GET form: the filters live in the URL, so "my overdue follow-ups" can be bookmarked. */
export function FollowupsFilters({ filter, users }: { filter: FollowupFilter; users: { id: string; name: string }[] }) {
  return (
    <form method="get" action="/follow-ups" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter the follow-ups">
      <div className={filterLabel}>
        <label htmlFor="fu-owner">Owner</label>
        <select id="fu-owner" name="owner" defaultValue={filter.owner ?? ""} className={cn(filterInput, "w-48")}>
          <option value="">Anyone</option>
          <option value="mine">Mine</option>
          {users.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      </div>
      <div className={filterLabel}>
        <label htmlFor="fu-kind">Kind</label>
        <select id="fu-kind" name="kind" defaultValue={filter.kind ?? ""} className={cn(filterInput, "w-44")}>
          <option value="">Both</option>
          <option value="checklist">Checklist items</option>
          <option value="action">Action items</option>
        </select>
      </div>
      <div className={filterLabel}>
        <label htmlFor="fu-status">Action item status</label>
        <select id="fu-status" name="status" defaultValue={filter.status ?? ""} className={cn(filterInput, "w-48")}>
          <option value="">Open or in progress</option>
          {ACTION_STATUSES.map((s) => <option key={s} value={s}>{ACTION_STATUS_LABELS[s]}</option>)}
        </select>
      </div>
      <div className={filterLabel}>
        <label htmlFor="fu-incident">Incident number</label>
        <input id="fu-incident" name="incident" inputMode="numeric" defaultValue={filter.incident ?? ""} placeholder="INC-42" className={cn(filterInput, "w-28")} />
      </div>
      <label htmlFor="fu-overdue" className="flex h-9 items-center gap-2 text-sm">
        <input id="fu-overdue" type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue} className="size-4 accent-accent" />
        Overdue only
      </label>
      <div className="flex items-center gap-1">
        <Button type="submit" size="sm" className="h-9">Filter</Button>
        <a href="/follow-ups" className="h-9 px-2 text-sm leading-9 text-muted hover:text-fg">Clear</a>
      </div>
    </form>
  );
}
