import { STATUSES } from "@/lib/incidents/rules";
import { STATUS_LABELS } from "@/components/incidents/labels";
import { all, first, type SearchParams } from "@/components/incidents/list-params";
import { SeverityFilter } from "@/components/incidents/severity-filter";
import { Card } from "@/components/ui/card";
import { FilterActions, filterInput, filterLabel, SearchField } from "@/components/ui/filter-fields";
import { cn } from "@/lib/cn";

const SORTS = [
  ["-started", "Newest first"],
  ["started", "Oldest first"],
  ["severity", "Most severe"],
  ["-number", "Number, high to low"],
  ["number", "Number, low to high"],
  ["updated", "Recently updated"],
] as const;

const small = filterInput;
const label = filterLabel;

/** A plain GET form: every filter lives in the URL, so a filtered list can be shared and reloaded. */
export function IncidentFilters({ params, users }: { params: SearchParams; users: { id: string; name: string }[] }) {
  return (
    <Card className="mb-4 p-4">
      <form method="get" action="/incidents" role="search" aria-label="Filter incidents" className="flex flex-wrap items-end gap-3">
        <SearchField value={first(params.q)} placeholder="Title, summary or INC-42" />
        <label className={label}>
          Status
          <select name="status" defaultValue={first(params.status) || "open"} className={cn(small, "w-40")}>
            <option value="open">Open</option>
            <option value="all">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>{STATUS_LABELS[s]}</option>
            ))}
          </select>
        </label>
        <SeverityFilter selected={all(params.severity)} />
        <label className={label}>
          Service
          <input name="service" defaultValue={first(params.service)} placeholder="checkout-api" className={cn(small, "w-40")} />
        </label>
        <label className={label}>
          Commander
          <select name="commander" defaultValue={first(params.commander)} className={cn(small, "w-44")}>
            <option value="">Anyone</option>
            <option value="none">Nobody yet</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>{u.name}</option>
            ))}
          </select>
        </label>
        <label className={label}>
          Started from (UTC)
          <input name="from" type="date" defaultValue={first(params.from)} className={cn(small, "w-40")} />
        </label>
        <label className={label}>
          Started to (UTC)
          <input name="to" type="date" defaultValue={first(params.to)} className={cn(small, "w-40")} />
        </label>
        <label className={label}>
          Sort
          <select name="sort" defaultValue={first(params.sort) || "-started"} className={cn(small, "w-44")}>
            {SORTS.map(([value, text]) => (
              <option key={value} value={value}>{text}</option>
            ))}
          </select>
        </label>
        <FilterActions resetHref="/incidents" />
      </form>
    </Card>
  );
}
