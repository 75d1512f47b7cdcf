// A threshold rule's title and message templates: {{service}}, {{value}} and {{threshold}} are
// filled in when it fires. Pure; the catalog schema uses it to refuse a misspelt placeholder.

export const PLACEHOLDERS = ["service", "value", "threshold"] as const;
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Placeholders in `text` that are not ours ("{{valeu}}"), so a typo fails at load, not in an incident title. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
}

/** 12.3456 → "12.3", 0.012345 → "0.0123", 2500000 → "2500000": three significant digits, never an exponent for ordinary values. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1000) return String(Math.round(v));
  return String(Number(v.toPrecision(3)));
}

export type TemplateVars = { service: string; value: number | null; threshold: number };

export function render(template: string, vars: TemplateVars): string {
  const values: Record<string, string> = {
    service: vars.service,
    value: vars.value === null ? "no data" : formatValue(vars.value),
    threshold: formatValue(vars.threshold),
  };
  return template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}
