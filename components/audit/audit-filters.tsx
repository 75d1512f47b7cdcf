import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/lib/cn";

type Values = Record<string, string | string[] | undefined>;
const text = (v: Values[string]) => (typeof v === "string" ? v : "");

/** A plain GET form: filters live in the URL, so a filtered view can be shared and bookmarked. */
export function AuditFilters({ values, verbs, problems }: { values: Values; verbs: string[]; problems: string[] }) {
  const field = "flex flex-col gap-1 text-xs font-medium text-muted";
  return (
    <form method="get" action="/audit" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
      <label className={field}>
        Actor
        <input name="actor" defaultValue={text(values.actor)} placeholder="email or system" className={cn(inputClass, "h-9 w-48")} />
      </label>
      <label className={field}>
        Verb
        <select name="verb" defaultValue={text(values.verb)} className={cn(inputClass, "h-9 w-48")}>
          <option value="">Any</option>
          {verbs.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label className={field}>
        Target
        <input name="target" defaultValue={text(values.target)} placeholder="type, id or email" className={cn(inputClass, "h-9 w-44")} />
      </label>
      <label className={field}>
        From (UTC)
        <input type="datetime-local" name="from" defaultValue={text(values.from)} className={cn(inputClass, "h-9 w-52")} />
      </label>
      <label className={field}>
        To (UTC)
        <input type="datetime-local" name="to" defaultValue={text(values.to)} className={cn(inputClass, "h-9 w-52")} />
      </label>
      <div className="flex items-center gap-1">
        <Button type="submit" size="sm" className="h-9">Filter</Button>
        <a href="/audit" className="h-9 px-2 text-sm leading-9 text-muted hover:text-fg">Clear</a>
      </div>
      {problems.length ? <p className="w-full text-sm text-danger">Ignored filters: {problems.join("; ")}</p> : null}
    </form>
  );
}
