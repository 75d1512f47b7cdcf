import "server-only";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { CatalogAction, CatalogService } from "@/lib/services/catalog-schema";
import { getActiveCatalog, type ActiveCatalogReader } from "@/lib/services/catalog-store";
import { validateParams, type ParamValues } from "./params";
import { canonicalParams, targetHashOf } from "./target";

// An action as the catalog in force declares it now, and its parameters checked against it.

export type Resolved = { svc: CatalogService; action: CatalogAction };

export async function findAction(service: string, name: string, client?: ActiveCatalogReader): Promise<Resolved> {
  const { catalog } = await getActiveCatalog(client);
  const svc = catalog.services.find((s) => s.slug === service);
  if (!svc) throw new NotFoundError(`There is no service "${service}" in the catalog in force.`);
  const action = svc.actions.find((a) => a.name === name);
  if (!action) throw new NotFoundError(`${svc.name} has no action "${name}" in the catalog in force.`);
  return { svc, action };
}

/** Validated, canonical parameter values; a ValidationError with one message per field otherwise. */
export function checkedParams(action: CatalogAction, input: Record<string, unknown>): ParamValues {
  const checked = validateParams(action, input);
  if (checked.ok) return canonicalParams(checked.values);
  const fieldErrors = Object.fromEntries(Object.entries(checked.errors).map(([k, m]) => [`params.${k}`, [m]]));
  throw new ValidationError(`${action.title}: ${Object.values(checked.errors).join("; ")}`, fieldErrors);
}

/** The hash of a run's action as `resolved` declares it (null: the action is gone or its params no longer fit). */
export function targetHashFor(resolved: Resolved | null, params: Record<string, unknown>): string | null {
  if (!resolved) return null;
  try {
    return targetHashOf(resolved.svc.slug, resolved.action, checkedParams(resolved.action, params));
  } catch {
    return null;
  }
}

/** The same, for the catalog in force now (read through `client`, a transaction's `tx` inside one). */
export async function currentTargetHash(service: string, name: string, params: Record<string, unknown>, client?: ActiveCatalogReader): Promise<string | null> {
  return targetHashFor(await findAction(service, name, client).catch(() => null), params);
}
