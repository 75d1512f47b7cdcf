import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { filterInput, filterLabel, SearchField } from "@/components/ui/filter-fields";
import { cn } from "@/lib/cn";
import type { RunbookFilter } from "@/lib/runbooks/schemas";

const small = filterInput;
const label = filterLabel;

function Pick({ name, title, values, value }: { name: string; title: string; values: string[]; value?: string }) {
  return (
    <label className={label}>
      {title}
      <select name={name} defaultValue={value ?? ""} className={cn(small, "w-48")}>
        <option value="">Any</option>
        {values.map((v) => <option key={v} value={v}>{v}</option>)}
      </select>
    </label>
  );
}

/** A plain GET form: the filters live in the URL, so a search can be shared mid-incident. */
export function LibraryFilters({ filter, facets }: { filter: RunbookFilter; facets: { services: string[]; alerts: string[]; tags: string[] } }) {
  return (
    <Card className="mb-4 p-4">
      <form method="get" action="/runbooks" role="search" aria-label="Search runbooks" className="flex flex-wrap items-end gap-3">
        <SearchField value={filter.q} placeholder="Title, alert, symptom or command (kubectl rollout)" />
        <Pick name="service" title="Service" values={facets.services} value={filter.service} />
        <Pick name="alert" title="Alert" values={facets.alerts} value={filter.alert} />
        {facets.tags.length ? <Pick name="tag" title="Tag" values={facets.tags} value={filter.tag} /> : null}
        <label className="flex h-9 items-center gap-2 text-sm">
          <input type="checkbox" name="archived" value="1" defaultChecked={filter.archived === "1"} /> Archived
        </label>
        <Button type="submit" size="sm" className="h-9">Search</Button>
      </form>
    </Card>
  );
}
