import { SEVERITIES, SEVERITY_INFO, type Severity } from "@/lib/incidents/rules";
import { SEVERITY_CLASS } from "@/components/incidents/labels";
import { cn } from "@/lib/cn";

/** P1–P4 as big radio buttons, each with its label and response target. */
export function SeverityPicker({ name, defaultValue, invalid }: { name: string; defaultValue?: Severity; invalid?: boolean }) {
  return (
    <div role="radiogroup" aria-label="Severity" aria-invalid={invalid || undefined} aria-describedby={invalid ? `${name}-error` : undefined} className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      {SEVERITIES.map((s) => (
        <label
          key={s}
          className="flex cursor-pointer flex-col gap-1 rounded-lg border-2 border-border bg-surface p-3 transition hover:bg-surface-2 has-checked:border-accent has-checked:bg-accent/10 has-focus-visible:outline-2 has-focus-visible:outline-accent"
        >
          <input type="radio" name={name} value={s} defaultChecked={defaultValue === s} className="sr-only" />
          <span className="flex items-center gap-2">
            <span className={cn("rounded border px-2 py-0.5 text-sm font-bold", SEVERITY_CLASS[s])}>{s}</span>
            <span className="font-semibold">{SEVERITY_INFO[s].label}</span>
          </span>
          <span className="text-xs text-muted">Respond {SEVERITY_INFO[s].responseTarget}</span>
        </label>
      ))}
    </div>
  );
}
