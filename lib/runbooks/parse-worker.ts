// A worker thread that parses Markdown documents for the folder import (see parse-pool.ts).
import { parentPort } from "node:worker_threads";
import { parseRunbookDocument } from "./parse";

parentPort?.on("message", (m: { id: number; text: string; file: string }) => {
  try {
    parentPort!.postMessage({ id: m.id, doc: parseRunbookDocument(m.text, m.file) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: (e as Error).message });
  }
});
