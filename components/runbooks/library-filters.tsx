import { Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/lib/cn";
import type { RunbookFilter } from "@/lib/runbooks/schemas";

const small = cn(inputClass, "h-9");
const label = "flex flex-col gap-1 text-xs font-medium text-muted";

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
        <label className={cn(label, "min-w-64 flex-1")}>
          Search
          <span className="relative">
            <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted" aria-hidden />
            <input name="q" type="search" defaultValue={filter.q} placeholder="Title, alert, symptom or command (kubectl rollout)" className={cn(small, "pl-8")} />
          </span>
        </label>
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
