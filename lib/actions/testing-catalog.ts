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

/** Registers the hooks; `fleet()` is the running fleet inside tests. */
export function useFleetCatalog(token: string, catalogText: (fleetUrl: string) => string | Promise<string>) {
  let fleet: Fleet | undefined;
  let previous: { text: string; source: string } | null = null;
  beforeAll(async () => {
    fleet = await startFleet({ port: 0, token, tickMs: 100, log: () => {} });
    previous = await db.catalogVersion.findFirst({ orderBy: { id: "desc" }, select: { text: true, source: true } });
    await loadTestCatalog(await catalogText(fleet.url));
  });
  afterAll(async () => {
    await fleet?.close();
    if (previous) {
      const parsed = parseCatalog(previous.text, previous.source, catalogVars());
      await storeCatalog(actor, { ok: true, catalog: parsed.ok ? parsed.catalog : EMPTY_CATALOG, text: previous.text, file: previous.source }, "catalog.load");
    }
  });
  return () => {
    if (!fleet) throw new Error("the fleet is not started yet");
    return fleet;
  };
}
