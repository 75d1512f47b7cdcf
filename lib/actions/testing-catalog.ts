// For integration tests that need a catalog of their own (actions, rules, panels, the poller):
// the demo fleet on a free port, the test's catalog stored as the one in force for the file, and
// the previous catalog put back afterwards (or, when there was none, the test's ones removed).
import { afterAll, beforeAll } from "vitest";
import { db } from "@/lib/db";
import { catalogVars } from "@/lib/env";
import { parseCatalog } from "@/lib/services/catalog";
import { EMPTY_CATALOG, storeCatalog } from "@/lib/services/catalog-store";
import { startFleet } from "@/demo/fleet.mjs";

type Fleet = Awaited<ReturnType<typeof startFleet>>;
const actor = { id: null, label: "action-tests" };

/** `vars` fill `${NAME}` as when Sitrep loads a file (the demo catalog: `catalogVars()`). */
export async function loadTestCatalog(text: string, file = "action-tests.yaml", vars: Record<string, string | undefined> = {}) {
  const parsed = parseCatalog(text, file, vars);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  await storeCatalog(actor, { ok: true, catalog: parsed.catalog, text, file }, "catalog.load");
}

/** Puts the catalog in force before the file back after it (register before loading your own). */
export function withRestoredCatalog() {
  let previous: { id: number; text: string; source: string } | null = null;
  beforeAll(async () => {
    previous = await db.catalogVersion.findFirst({ orderBy: { id: "desc" }, select: { id: true, text: true, source: true } });
  });
  afterAll(async () => {
    // None before: the test's catalogs go, so none stays in force for the next file.
    if (!previous) return void (await db.catalogVersion.deleteMany({}));
    // Put back as it was, even if it no longer parses here (a variable this process lacks).
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
