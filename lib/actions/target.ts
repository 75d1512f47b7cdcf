// What an approval covers: one hash of the service, the action's name and definition (its
// executor as declared, secrets still ${env:…} references) and its parameters in canonical form
// (keys sorted, values as validated). Other parameters, or an action changed in the catalog
// since, never match.
import { createHash } from "node:crypto";
import type { CatalogAction } from "@/lib/services/catalog-schema";
import type { ParamValues } from "./params";

export function canonicalParams(values: ParamValues): ParamValues {
  return Object.fromEntries(Object.keys(values).sort().map((k) => [k, values[k]]));
}

/** The executor part of the action and how guarded it is, in a stable key order. */
function definition(action: CatalogAction): unknown {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort)
      : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]))
        : v;
  return sort({ http: action.http ?? null, command: action.command ?? null, danger: action.danger, approval: action.approval });
}

export function targetHashOf(service: string, action: CatalogAction, values: ParamValues): string {
  return createHash("sha256").update(JSON.stringify([service, action.name, definition(action), canonicalParams(values)])).digest("hex");
}
