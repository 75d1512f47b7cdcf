// A recovery action's parameters, checked against the types the catalog declares before anything
// is previewed or run. The messages are shown beside the form fields, so they name the field by
// its label and say what would be accepted.
import { z } from "zod";
import type { CatalogAction } from "@/lib/services/catalog-schema";

export type ParamValue = string | number;
export type ParamValues = Record<string, ParamValue>;
export type ParamResult = { ok: true; values: ParamValues } | { ok: false; errors: Record<string, string> };
type ParamSpec = CatalogAction["params"][string];

const labelOf = (name: string, spec: ParamSpec) => spec.label ?? name;

// Forms send every field as text, so "5" is accepted for an integer; "5.5", "5e2" or " 5" are not
const INTEGER_TEXT = /^-?\d+$/;

function integerSchema(label: string, min: number, max: number) {
  const message = `${label} must be a whole number from ${min} to ${max}`;
  return z
    .union([z.number(), z.string().regex(INTEGER_TEXT, message).transform(Number)], { error: message })
    .pipe(z.number({ error: message }).int(message).min(min, message).max(max, message));
}

function stringSchema(label: string, pattern: string) {
  let re: RegExp;
  try {
    // Anchored: a catalog pattern "[a-z]+" must describe the whole value, not a part of it
    re = new RegExp(`^(?:${pattern})$`);
  } catch {
    return z.never({ error: `${label} cannot be checked: the catalog's pattern ${pattern} is not a valid regular expression` });
  }
  return z.string({ error: `${label} must be text` }).regex(re, `${label} must match the pattern ${pattern}`);
}

export function paramSchema(name: string, spec: ParamSpec): z.ZodType<ParamValue> {
  const label = labelOf(name, spec);
  if (spec.type === "enum") {
    const message = `${label} must be one of ${spec.values.join(", ")}`;
    return z.enum(spec.values as [string, ...string[]], { error: message });
  }
  if (spec.type === "integer") return integerSchema(label, spec.min, spec.max);
  return stringSchema(label, spec.pattern);
}

const PARAM_TOKEN = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
// "." and ".." (also percent-encoded: URL parsers decode %2e) are resolved away by every URL
// parser, so `…/evil/{{p}}/ok` with p=".." would call `/ok`: out of the path the action declares.
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/** Errors for parameters that would make a segment of the action's URL path a dot segment. */
function dotSegmentErrors(action: CatalogAction, values: ParamValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const path = action.http?.url.split(/[?#]/)[0] ?? "";
  for (const segment of path.split("/")) {
    const names = [...segment.matchAll(PARAM_TOKEN)].map((m) => m[1]);
    if (!names.length || names.some((n) => !Object.hasOwn(values, n))) continue;
    const resolved = segment.replace(PARAM_TOKEN, (_t, n: string) => String(values[n]));
    if (!DOT_SEGMENT.test(resolved)) continue;
    for (const n of names) {
      const label = labelOf(n, action.params[n]);
      errors[n] = `${label} cannot be "." or "..": it goes into the action's URL path, which it would leave`;
    }
  }
  return errors;
}

const isBlank = (v: unknown) => v === undefined || v === null || v === "";

/**
 * Checks `input` against the action's declared params: defaults fill blank fields, unknown
 * fields are refused (a typo must not be silently dropped from an audited action).
 */
export function validateParams(action: CatalogAction, input: Record<string, unknown>): ParamResult {
  const specs = action.params;
  const errors: Record<string, string> = {};
  const values: ParamValues = {};
  const known = Object.keys(specs);
  for (const key of Object.keys(input)) {
    if (key in specs) continue;
    errors[key] = known.length
      ? `${key} is not a parameter of ${action.title}; it takes ${known.join(", ")}`
      : `${key} is not a parameter: ${action.title} takes none`;
  }
  for (const [name, spec] of Object.entries(specs)) {
    const raw = isBlank(input[name]) ? spec.default : input[name];
    if (raw === undefined) {
      errors[name] = `${labelOf(name, spec)} is required`;
      continue;
    }
    const parsed = paramSchema(name, spec).safeParse(raw);
    if (parsed.success) values[name] = parsed.data;
    else errors[name] = parsed.error.issues[0]?.message ?? `${labelOf(name, spec)} is not valid`;
  }
  Object.assign(errors, dotSegmentErrors(action, values));
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values };
}
