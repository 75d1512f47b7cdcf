import "server-only";
import { ValidationError } from "@/lib/errors";
import { getActiveCatalog } from "@/lib/services/catalog-store";
import { closest } from "@/lib/services/closest";

/**
 * Refuses service names the catalog does not know, with a "did you mean" for typos: a service
 * typed wrong at 3 a.m. would otherwise show no health, no runbooks and no status changes. With
 * no catalog configured, names stay free text. Only `added` names are checked, so a service
 * later removed from the catalog can still be taken off an incident.
 */
export async function assertKnownServices(added: string[], field: string) {
  if (!added.length) return;
  const { catalog } = await getActiveCatalog();
  if (!catalog.services.length) return;
  const known = catalog.services.map((s) => s.slug);
  const set = new Set(known);
  const unknown = added.filter((s) => !set.has(s));
  if (!unknown.length) return;
  const messages = unknown.map((s) => {
    const guess = closest(s, known);
    return guess ? `"${s}" is not in the service catalog. Did you mean "${guess}"?` : `"${s}" is not in the service catalog.`;
  });
  const listed = known.length <= 12 ? ` Known services: ${known.join(", ")}.` : "";
  throw new ValidationError(messages.join(" ") + listed, { [field]: [messages.join(" ") + listed] });
}
