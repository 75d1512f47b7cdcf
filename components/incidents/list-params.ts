import { incidentFilterSchema, type IncidentFilter } from "@/lib/incidents/schemas";

export type SearchParams = Record<string, string | string[] | undefined>;

/** The list's filters from its URL. A bare "to" date means through the end of that UTC day. */
export function filterFromParams(params: SearchParams): IncidentFilter {
  const filter = incidentFilterSchema.parse(params);
  const to = typeof params.to === "string" ? params.to : undefined;
  if (filter.to && to && /^\d{4}-\d{2}-\d{2}$/.test(to)) filter.to = new Date(filter.to.getTime() + 86_400_000 - 1);
  return filter;
}

/** The same URL with some parameters replaced (undefined removes one). */
export function hrefWith(params: SearchParams, changes: Record<string, string | undefined>, path = "/incidents"): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (key in changes || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (v !== "") qs.append(key, v);
  }
  for (const [key, value] of Object.entries(changes)) if (value !== undefined) qs.set(key, value);
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
export const all = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? v.split(",") : []);
