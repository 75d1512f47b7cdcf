"use client";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionInfo } from "@/lib/actions/info-types";

type Values = Record<string, string>;

/** One field per declared parameter: a select for an enum, a number for an integer, text for a pattern. */
export function ParamFields({ params, values, errors, onChange }: { params: ActionInfo["params"]; values: Values; errors: Record<string, string[]>; onChange: (v: Values) => void }) {
  const entries = Object.entries(params);
  if (!entries.length) return <p className="text-sm text-muted">This action takes no parameters.</p>;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {entries.map(([name, spec]) => {
        const id = `param-${name}`;
        const err = errors[`params.${name}`];
        const set = (v: string) => onChange({ ...values, [name]: v });
        const a11y = err ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};
        return (
          <Field key={name} label={spec.label ?? name} name={id} errors={err}
            hint={spec.type === "integer" ? `${spec.min}–${spec.max}` : spec.type === "string" ? `must match ${spec.pattern}` : undefined}>
            {spec.type === "enum" ? (
              <select id={id} value={values[name] ?? ""} onChange={(e) => set(e.target.value)} className={inputClass} {...a11y}>
                {spec.default === undefined ? <option value="">Choose…</option> : null}
                {spec.values.map((v) => <option key={v} value={v}>{v}</option>)}
              </select>
            ) : (
              <input id={id} value={values[name] ?? ""} onChange={(e) => set(e.target.value)} className={inputClass}
                inputMode={spec.type === "integer" ? "numeric" : undefined} autoComplete="off" spellCheck={false} {...a11y} />
            )}
          </Field>
        );
      })}
    </div>
  );
}

/** Starting values: what the runbook step binds, else the catalog's defaults, as form text. */
export function initialValues(params: ActionInfo["params"], bound: Record<string, string | number> = {}): Values {
  return Object.fromEntries(Object.entries(params).map(([name, spec]) => [name, String(bound[name] ?? spec.default ?? "")]));
}
