import "server-only";
import { getActiveCatalog } from "@/lib/services/catalog-store";
import type { ServiceRef } from "@/lib/runbooks/derive";

/** The catalog's services as the importer links them: slug and name. */
export async function catalogServiceRefs(): Promise<ServiceRef[]> {
  const { catalog } = await getActiveCatalog();
  return catalog.services.map((s) => ({ slug: s.slug, name: s.name }));
}

export type CatalogActionRef = { service: string; action: string; title: string; commands: string[]; danger: string };

/** Every recovery action in the catalog, with the command patterns it declares (`matches`). */
export async function catalogActions(): Promise<CatalogActionRef[]> {
  const { catalog } = await getActiveCatalog();
  return catalog.services.flatMap((s) => s.actions.map((a) => ({ service: s.slug, action: a.name, title: a.title, commands: a.matches, danger: a.danger })));
}

/** The runbooks a service's catalog alert rules point at, by slug (outside URLs left out). */
export async function catalogRunbookSlugs(service: string): Promise<string[]> {
  const { catalog } = await getActiveCatalog();
  const rules = catalog.services.find((s) => s.slug === service)?.alertRules ?? [];
  return [...new Set(rules.map((r) => r.runbook).filter((r): r is string => Boolean(r && /^[a-z0-9][a-z0-9-]*$/.test(r))))];
}
