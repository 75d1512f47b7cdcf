import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { db, type Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/mutations";
import { catalogVars, getEnv } from "@/lib/env";
import { formatProblem, parseCatalog, type CatalogProblem } from "@/lib/services/catalog";
import type { Catalog } from "@/lib/services/catalog-schema";

// The catalog in force lives in the database (newest CatalogVersion), so every instance serves
// the same one, and an admin's reload reaches them all. The file (SITREP_CATALOG) is its source.

export type CatalogFileResult =
  | { ok: true; catalog: Catalog; text: string; file: string }
  | { ok: false; problems: CatalogProblem[]; file: string };

export const EMPTY_CATALOG: Catalog = { services: [], notifications: [] };

/** Reads and validates a catalog file; a missing file is a problem, not an exception. */
export async function readCatalogFile(file: string): Promise<CatalogFileResult> {
  const shown = path.relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message;
    return { ok: false, file: shown, problems: [{ file: shown, line: 1, column: 1, path: "", message: `cannot read the catalog: ${reason}` }] };
  }
  const parsed = parseCatalog(text, shown, catalogVars());
  return parsed.ok ? { ok: true, catalog: parsed.catalog, text, file: shown } : { ok: false, problems: parsed.problems, file: shown };
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export type LoadOutcome = { changed: boolean; versionId: number; serviceCount: number };

/**
 * Makes `text` the catalog in force, with an audit entry. An unchanged file writes no new
 * version, but an admin's reload is still audited ("reloads are audited"), as is a refused one.
 */
export async function storeCatalog(actor: Actor, loaded: Extract<CatalogFileResult, { ok: true }>, verb: string): Promise<LoadOutcome> {
  const hash = sha256(loaded.text);
  return db.$transaction(async (tx) => {
    // Instances starting together with a new file must not each store it.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7265312002)`;
    const latest = await tx.catalogVersion.findFirst({ orderBy: { id: "desc" }, select: { id: true, sha256: true } });
    const changed = latest?.sha256 !== hash;
    const serviceCount = loaded.catalog.services.length;
    const versionId = changed
      ? (await tx.catalogVersion.create({
          data: { sha256: hash, source: loaded.file, text: loaded.text, serviceCount, loadedById: actor.id, loadedByLabel: actor.label },
          select: { id: true },
        })).id
      : latest!.id;
    if (changed || verb !== "catalog.load") {
      await appendAudit(tx, {
        actor, verb, target: { type: "catalog", id: String(versionId) },
        before: latest ? { version: latest.id, sha256: latest.sha256 } : null,
        after: { version: versionId, sha256: hash, file: loaded.file, services: serviceCount, changed },
      });
    }
    return { changed, versionId, serviceCount };
  });
}

/** Records a refused reload: the catalog in force stays as it was. */
export async function recordRefusedReload(actor: Actor, result: Extract<CatalogFileResult, { ok: false }>) {
  await db.$transaction((tx) =>
    appendAudit(tx, {
      actor, verb: "catalog.reload.refused", target: { type: "catalog" },
      after: { file: result.file, problems: result.problems.slice(0, 20).map(formatProblem) },
    }),
  );
}

type Active = { catalog: Catalog; versionId: number | null; loadedAt: Date | null; source: string | null; problems: string[] };
const NONE: Active = { catalog: EMPTY_CATALOG, versionId: null, loadedAt: null, source: null, problems: [] };
/** The parsed newest version; versions are immutable rows, so its id is an exact key. */
let parsedVersion: { id: number; value: Promise<Active> } | null = null;

type CatalogReader = { catalogVersion: Pick<Tx["catalogVersion"], "findUniqueOrThrow"> };
/** The global client, or a transaction's `tx` for a caller inside one (lib/tx-guard.ts). */
export type ActiveCatalogReader = { catalogVersion: Pick<Tx["catalogVersion"], "findUniqueOrThrow" | "findFirst"> };

async function parseVersion(id: number, client: CatalogReader): Promise<Active> {
  const v = await client.catalogVersion.findUniqueOrThrow({ where: { id }, select: { id: true, text: true, source: true, loadedAt: true } });
  const parsed = parseCatalog(v.text, v.source, catalogVars());
  // Stored text was valid when loaded; only a variable this instance lacks can break it.
  if (!parsed.ok) return { catalog: EMPTY_CATALOG, versionId: v.id, loadedAt: v.loadedAt, source: v.source, problems: parsed.problems.map(formatProblem) };
  return { catalog: parsed.catalog, versionId: v.id, loadedAt: v.loadedAt, source: v.source, problems: [] };
}

/**
 * The catalog in force: one indexed read of the newest version's id per call (another instance
 * may have loaded a new one), and a parse only when that id changes. Keyed on the audit head
 * it was parsed again after every audited change (each step of an action run). A caller inside a
 * transaction passes its `tx`.
 */
export async function getActiveCatalog(client: ActiveCatalogReader = db): Promise<Active> {
  const newest = await client.catalogVersion.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return newest ? parsedCatalogVersion(newest.id, client) : NONE;
}

/**
 * The catalog of a stored version the caller already knows the id of (the notification outbox
 * reads it in its own transaction): parsed once, and read through `client` when it is not, so
 * a caller inside a transaction never waits for a second pooled connection.
 */
export function parsedCatalogVersion(id: number, client: CatalogReader = db): Promise<Active> {
  if (parsedVersion?.id === id) return parsedVersion.value;
  const value = parseVersion(id, client);
  if (client === db) {
    parsedVersion = { id, value };
    value.catch(() => { if (parsedVersion?.value === value) parsedVersion = null; });
  } else {
    // Read through the caller's transaction: never hand that promise to another caller, who would
    // then wait on a query queued in a transaction that may itself wait on them (the audit head).
    value.then((v) => { if (parsedVersion?.id !== id) parsedVersion = { id, value: Promise.resolve(v) }; }, () => {});
  }
  return value;
}

/** The configured catalog file, resolved against the working directory; null when none. */
export function catalogFile(): string | null {
  const file = getEnv().SITREP_CATALOG;
  return file ? path.resolve(file) : null;
}
