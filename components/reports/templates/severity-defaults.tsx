"use client";
import { SeverityBadge } from "@/components/incidents/badges";
import { SEVERITIES, SEVERITY_INFO, type Severity } from "@/lib/incidents/rules";
import type { DefaultHolders } from "@/lib/reports/template-admin-queries";

type Props = { slug?: string; value: Severity[]; holders: DefaultHolders; errors?: string[]; disabled?: boolean; onChange(value: Severity[]): void };

/** Which severities' new reports start from this template. Taking one says where it comes from. */
export function SeverityDefaults({ slug, value, holders, errors, disabled, onChange }: Props) {
  const toggle = (s: Severity, on: boolean) => onChange(SEVERITIES.filter((x) => (x === s ? on : value.includes(x))));
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={errors?.length ? "defaultFor-error" : undefined} data-testid="severity-defaults">
      <legend className="mb-1 text-sm font-medium">Default for</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-2">
        {SEVERITIES.map((s) => {
          const holder = holders[s];
          const moving = value.includes(s) && holder && holder.slug !== slug;
          const leaving = !value.includes(s) && holder?.slug === slug && slug !== undefined;
          return (
            <label key={s} className="flex items-start gap-2 text-sm">
              <input type="checkbox" className="mt-1 size-4 accent-accent" checked={value.includes(s)} disabled={disabled} aria-label={`Default for ${s}`} onChange={(e) => toggle(s, e.target.checked)} />
              <span className="flex flex-col">
                <span className="flex items-center gap-1.5"><SeverityBadge severity={s} /> {SEVERITY_INFO[s].label}</span>
                {moving ? <span className="text-xs text-warning">Now the default of {holder.name}: saving moves it here.</span> : null}
                {leaving ? <span className="text-xs text-warning">Saving leaves {s} without a default template.</span> : null}
                {!moving && !leaving && !value.includes(s) && holder ? <span className="text-xs text-muted">Default: {holder.name}</span> : null}
              </span>
            </label>
          );
        })}
      </div>
      <p className="text-xs text-muted">
        {disabled ? "An archived template is no severity's default: restore it first." : "A severity has one default: a new report of that severity starts from it."}
      </p>
      {errors?.length ? <p id="defaultFor-error" className="text-sm text-danger">{errors.join(" ")}</p> : null}
    </fieldset>
  );
}
