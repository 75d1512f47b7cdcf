// For integration tests of actions: the demo fleet on a free port, a catalog of the test's own
// stored as the one in force for the file, and the previous catalog put back afterwards.
import { afterAll, beforeAll } from "vitest";
import { db } from "@/lib/db";
import { catalogVars } from "@/lib/env";
import { parseCatalog } from "@/lib/services/catalog";
import { EMPTY_CATALOG, storeCatalog } from "@/lib/services/catalog-store";
import { startFleet } from "@/demo/fleet.mjs";

type Fleet = Awaited<ReturnType<typeof startFleet>>;
const actor = { id: null, label: "action-tests" };

export async function loadTestCatalog(text: string, file = "action-tests.yaml") {
  const parsed = parseCatalog(text, file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  await storeCatalog(actor, { ok: true, catalog: parsed.catalog, text, file }, "catalog.load");
}

/** Puts the catalog in force before the file back after it (register before loading your own). */
export function withRestoredCatalog() {
  let previous: { text: string; source: string } | null = null;
  beforeAll(async () => {
    previous = await db.catalogVersion.findFirst({ orderBy: { id: "desc" }, select: { text: true, source: true } });
  });
  afterAll(async () => {
    if (!previous) return;
    const parsed = parseCatalog(previous.text, previous.source, catalogVars());
    await storeCatalog(actor, { ok: true, catalog: parsed.ok ? parsed.catalog : EMPTY_CATALOG, text: previous.text, file: previous.source }, "catalog.load");
  });
}

/** Registers the hooks; `fleet()` is the running fleet inside tests. */
export function withFleetCatalog(token: string, catalogText: (fleetUrl: string) => string | Promise<string>, file?: string) {
  let fleet: Fleet | undefined;
  withRestoredCatalog();
  beforeAll(async () => {
    fleet = await startFleet({ port: 0, token, tickMs: 100, log: () => {} });
    await loadTestCatalog(await catalogText(fleet.url), file);
  });
  afterAll(async () => {
    await fleet?.close();
  });
  return () => {
    if (!fleet) throw new Error("the fleet is not started yet");
    return fleet;
  };
}
