import { all, first, type SearchParams } from "@/components/incidents/list-params";
import { SeverityFilter } from "@/components/incidents/severity-filter";
import { STATUS_LABEL as REPORT_STATUS_LABELS } from "@/lib/reports/schemas";
import { Card } from "@/components/ui/card";
import { FilterActions, filterInput, filterLabel, SearchField } from "@/components/ui/filter-fields";
import { REPORT_STATUSES } from "@/lib/reports/list-schemas";
import { cn } from "@/lib/cn";

type Template = { id: string; name: string; archived: boolean };

/** A plain GET form, like the incident list's: every filter lives in the URL, so a view can be shared. */
export function ReportFilters({ params, templates }: { params: SearchParams; templates: Template[] }) {
  return (
    <Card className="mb-4 p-4">
      <form method="get" action="/reports" role="search" aria-label="Filter reports" className="flex flex-wrap items-end gap-3">
        <SearchField value={first(params.q)} placeholder="Report or incident title, or INC-42" />
        <div className={filterLabel}>
          <label htmlFor="reports-status">Status</label>
          <select id="reports-status" name="status" defaultValue={first(params.status) || "all"} className={cn(filterInput, "w-36")}>
            <option value="all">All</option>
            {REPORT_STATUSES.map((s) => (
              <option key={s} value={s}>{REPORT_STATUS_LABELS[s]}</option>
            ))}
          </select>
        </div>
        <SeverityFilter selected={all(params.severity)} />
        <div className={filterLabel}>
          <label htmlFor="reports-service">Service</label>
          <input id="reports-service" name="service" defaultValue={first(params.service)} placeholder="checkout-api" className={cn(filterInput, "w-40")} />
        </div>
        <div className={filterLabel}>
          <label htmlFor="reports-template">Template</label>
          <select id="reports-template" name="template" defaultValue={first(params.template)} className={cn(filterInput, "w-48")}>
            <option value="">Any template</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>{t.archived ? `${t.name} (archived)` : t.name}</option>
            ))}
          </select>
        </div>
        <div className={filterLabel}>
          <label htmlFor="reports-from">Incident started from (UTC)</label>
          <input id="reports-from" name="from" type="date" defaultValue={first(params.from)} className={cn(filterInput, "w-40")} />
        </div>
        <div className={filterLabel}>
          <label htmlFor="reports-to">Incident started to (UTC)</label>
          <input id="reports-to" name="to" type="date" defaultValue={first(params.to)} className={cn(filterInput, "w-40")} />
        </div>
        <FilterActions resetHref="/reports" />
      </form>
    </Card>
  );
}
