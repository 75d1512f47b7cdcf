import "server-only";
import type { Actor } from "@/lib/audit/mutations";
import { ExpectedError } from "@/lib/errors";
import { catalogServiceRefs } from "@/lib/runbooks/catalog-refs";
import { importDocuments, unchangedSources, type DocumentImport, type ImportOutcome } from "@/lib/runbooks/import";
import { createParsePool } from "@/lib/runbooks/parse-pool";
import type { ParsedDocument } from "@/lib/runbooks/parse/types";

export type FileToImport = { source: string; text: string };
export type FolderOutcome = {
  files: number; created: number; updated: number; archived: number; unchanged: number;
  failed: { file: string; error: string }[];
  documents: { source: string; status: string; created: string[]; updated: string[]; archived: string[] }[];
  seconds: number;
};

/** Documents per transaction: one audit entry and a handful of statements for all of them. */
const CHUNK = 25;

/** Expected problems and the database refusing a document are that file's; anything else stops the import. */
const isFileProblem = (e: unknown) => e instanceof ExpectedError || (e instanceof Error && "code" in e);

/**
 * Imports a folder's documents: parsed on worker threads, written CHUNK at a time in one
 * transaction each. If a chunk is refused, its documents are retried one by one, so a bad file
 * never blocks the rest and never leaves half of itself behind. Unchanged files are skipped
 * before they are parsed.
 */
export async function importFiles(files: FileToImport[], actor: Actor, services: string[] = []): Promise<FolderOutcome> {
  const started = performance.now();
  const catalog = await catalogServiceRefs();
  const out: FolderOutcome = { files: files.length, created: 0, updated: 0, archived: 0, unchanged: 0, failed: [], documents: [], seconds: 0 };
  const record = (r: ImportOutcome) => {
    if (r.status === "unchanged") return void out.unchanged++;
    out.created += r.created.length;
    out.updated += r.updated.length;
    out.archived += r.archived.length;
    out.documents.push({ source: r.source, status: r.status, created: r.created, updated: r.updated, archived: r.archived });
  };

  // One cheap query first: a re-import of an unchanged folder parses nothing.
  const skip = await unchangedSources(files.map((f) => ({ ...f, services })));
  out.unchanged = skip.size;
  files = files.filter((f) => !skip.has(f.source));
  const pool = await createParsePool(files.length);
  // Parses are asked for a chunk ahead of the one being written: workers stay busy, memory stays bounded.
  const parsed: Promise<ParsedDocument>[] = [];
  const ahead = (upTo: number) => {
    for (let i = parsed.length; i < Math.min(files.length, upTo); i++) {
      parsed[i] = pool.parse(files[i].text, files[i].source);
      parsed[i].catch(() => {}); // awaited below; a failure is reported there
    }
  };
  try {
    for (let at = 0; at < files.length; at += CHUNK) {
      ahead(at + 2 * CHUNK);
      const chunk: DocumentImport[] = [];
      for (let i = at; i < Math.min(files.length, at + CHUNK); i++) {
        const doc = await parsed[i].catch((e: Error) => e);
        if (doc instanceof Error) out.failed.push({ file: files[i].source, error: `could not be parsed: ${doc.message}` });
        else chunk.push({ ...files[i], services, parsed: doc as ParsedDocument });
      }
      try {
        (await importDocuments(actor, chunk, catalog)).forEach(record);
      } catch (e) {
        if (!isFileProblem(e)) throw e;
        for (const one of chunk) {
          try {
            (await importDocuments(actor, [one], catalog)).forEach(record);
          } catch (err) {
            if (!isFileProblem(err)) throw err;
            out.failed.push({ file: one.source, error: (err as Error).message });
          }
        }
      }
    }
  } finally {
    await pool.close();
  }
  out.seconds = (performance.now() - started) / 1000;
  return out;
}
