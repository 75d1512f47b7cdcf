// Test helpers: an action parsed by the real catalog schema (so defaults are the catalog's), and
// the demo catalog pointed at a running fleet.
import { readFileSync } from "node:fs";
import { formatProblem, parseCatalog } from "@/lib/services/catalog";
import { serviceSchema, type CatalogAction } from "@/lib/services/catalog-schema";

export function actionOf(fields: Record<string, unknown>): CatalogAction {
  const service = serviceSchema.parse({ slug: "test-service", name: "Test service", actions: [{ name: "test-action", title: "Test action", ...fields }] });
  return service.actions[0];
}

export function demoAction(fleetUrl: string, slug: string, name: string): CatalogAction {
  const text = readFileSync(new URL("../../demo/catalog.yaml", import.meta.url), "utf8");
  const parsed = parseCatalog(text, "demo/catalog.yaml", { SITREP_FLEET_URL: fleetUrl });
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join("\n"));
  const action = parsed.catalog.services.find((s) => s.slug === slug)?.actions.find((a) => a.name === name);
  if (!action) throw new Error(`no action ${slug}/${name} in demo/catalog.yaml`);
  return action;
}
