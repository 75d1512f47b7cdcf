import { Search } from "lucide-react";
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
