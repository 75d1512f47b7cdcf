import Link from "next/link";
import { Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/lib/cn";

// The pieces of the list pages' GET filter forms (incidents, runbooks).
export const filterInput = cn(inputClass, "h-9");
export const filterLabel = "flex flex-col gap-1 text-xs font-medium text-muted";

/** The wide search box that leads a filter form. */
export function SearchField({ value, placeholder }: { value?: string; placeholder: string }) {
  return (
    <label className={cn(filterLabel, "min-w-64 flex-1")}>
      Search
      <span className="relative">
        <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted" aria-hidden />
        <input name="q" type="search" defaultValue={value} placeholder={placeholder} className={cn(filterInput, "pl-8")} />
      </span>
    </label>
  );
}

/** Apply submits the form; Reset is a link to the list with no parameters at all. */
export function FilterActions({ resetHref }: { resetHref: string }) {
  return (
    <div className="flex gap-2">
      <Button type="submit" size="sm" className="h-9">Apply</Button>
      <Link href={resetHref} className="inline-flex h-9 items-center rounded-md px-3 text-sm font-medium text-muted hover:bg-surface-2 hover:text-fg">
        Reset
      </Link>
    </div>
  );
}
