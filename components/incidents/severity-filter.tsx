import { SEVERITIES } from "@/lib/incidents/rules";
import { filterLabel } from "@/components/ui/filter-fields";

/** The severity checkboxes of a GET filter form: each checked one is a `severity` parameter. */
export function SeverityFilter({ selected }: { selected: string[] }) {
  return (
    <fieldset className={filterLabel}>
      <legend className="mb-1">Severity</legend>
      <div className="flex h-9 items-center gap-3">
        {SEVERITIES.map((s) => (
          <label key={s} className="flex items-center gap-1 text-sm font-medium text-fg">
            <input type="checkbox" name="severity" value={s} defaultChecked={selected.includes(s)} className="size-4 accent-accent" />
            {s}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
