import "server-only";
import type { Actor } from "@/lib/audit/mutations";
import { ConflictError, ValidationError } from "@/lib/errors";
import { formatProblem } from "@/lib/services/catalog";
import { catalogFile, readCatalogFile, recordRefusedReload, storeCatalog } from "@/lib/services/catalog-store";

/**
 * Re-reads SITREP_CATALOG. A file with any problem is refused whole and the catalog in force
 * stays; both outcomes are audited.
 */
export async function reloadCatalog(actor: Actor) {
  const file = catalogFile();
  if (!file) throw new ConflictError("No catalog file is configured: set SITREP_CATALOG to the catalog's path and restart Sitrep.");
  const loaded = await readCatalogFile(file);
  if (!loaded.ok) {
    await recordRefusedReload(actor, loaded);
    const n = loaded.problems.length;
    throw new ValidationError(`${loaded.file} has ${n} problem${n === 1 ? "" : "s"}; the catalog in force is unchanged.`, {
      catalog: loaded.problems.map(formatProblem),
    });
  }
  const outcome = await storeCatalog(actor, loaded, "catalog.reload");
  return { ...outcome, file: loaded.file };
}
