// An alert rule's title and message templates: {{service}}, {{value}} and {{threshold}} are
// filled in when it fires or resolves. Pure; the catalog schema uses it to refuse a misspelt placeholder.

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

/** 60000 → "1m", 90000 → "1m 30s", 15000 → "15s": a health rule's window as a person writes it. */
export function formatWindow(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return ms > 0 && ms < 1000 ? `${ms}ms` : `${s}s`;
  const parts = [[Math.floor(s / 3600), "h"], [Math.floor((s % 3600) / 60), "m"], [s % 60, "s"]] as const;
  return parts.filter(([n]) => n > 0).map(([n, unit]) => `${n}${unit}`).join(" ");
}

/**
 * A threshold rule's value and threshold are numbers. A health rule's value is what its latest
 * check said ("down (HTTP 503)", "up"), and its threshold the `for` window ("1m").
 */
export type TemplateVars = { service: string; value: number | string | null; threshold: number | string };

const text = (v: number | string) => (typeof v === "string" ? v : formatValue(v));

export function render(template: string, vars: TemplateVars): string {
  const values: Record<string, string> = {
    service: vars.service,
    value: vars.value === null ? "no data" : text(vars.value),
    threshold: text(vars.threshold),
  };
  return template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}
