import "server-only";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { parseRunbookDocument } from "@/lib/runbooks/parse";
import type { ParsedDocument } from "@/lib/runbooks/parse/types";

export type ParsePool = { parse(text: string, file: string): Promise<ParsedDocument>; close(): Promise<void> };

const inPlace: ParsePool = { parse: async (text, file) => parseRunbookDocument(text, file), close: async () => {} };

/**
 * The worker's code: the parser bundled into one plain script (esbuild, ~0.1 s), built from the
 * sources each time so it is never stale. A worker loading the TypeScript modules through tsx
 * took a second to start.
 */
async function workerSource(): Promise<string> {
  const { build } = await import("esbuild");
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), "parse-worker.ts");
  const out = await build({ entryPoints: [entry], bundle: true, platform: "node", format: "cjs", write: false, logLevel: "silent" });
  return out.outputFiles[0].text;
}

/**
 * Parsing Markdown (micromark) is the import's CPU cost, 10–15 ms for a seed-sized document: a
 * folder import parses on worker threads while the main thread writes to the database. One
 * worker per spare core; measured on two hyper-threaded cores, one worker beat parsing in place
 * (3.5–3.9 s against 4.3–4.7 s for 200 documents) and two workers were slower than one.
 */
export async function createParsePool(documents: number, size = Math.max(1, Math.min(4, os.availableParallelism() - 1))): Promise<ParsePool> {
  if (documents < 8) return inPlace;
  const source = await workerSource().catch(() => null);
  if (!source) return inPlace;
  const pending = new Map<number, { resolve: (d: ParsedDocument) => void; reject: (e: Error) => void }>();
  const workers = Array.from({ length: size }, () => {
    const w = new Worker(source, { eval: true });
    w.on("message", (m: { id: number; doc?: ParsedDocument; error?: string }) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.doc) p?.resolve(m.doc);
      else p?.reject(new Error(m.error ?? "the parser failed"));
    });
    w.on("error", (e) => { for (const p of pending.values()) p.reject(e); pending.clear(); });
    return w;
  });
  let next = 0;
  return {
    parse(text, file) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        workers[id % workers.length].postMessage({ id, text, file });
      });
    },
    close: async () => void (await Promise.all(workers.map((w) => w.terminate()))),
  };
}
