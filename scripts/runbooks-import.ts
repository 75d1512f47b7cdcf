// npm run runbooks:import -- [--dry-run] [--json] [--service SLUG]... <file-or-folder>...
// Reads Markdown runbooks (folders: every *.md below them, sorted). --dry-run parses them and
// prints what would be imported: a summary per file, or with --json { "documents": [...] }.
// Without it they are imported into DATABASE_URL: each file under its path relative to the
// folder given (or its file name), so importing the same folder again skips unchanged files
// and versions changed ones. Bad input exits 2; a file the database refused exits 1.
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { parseRunbookDocument } from "@/lib/runbooks/parse";
import type { ParsedDocument } from "@/lib/runbooks/parse/types";

/** One file read and parsed: `name` is the path relative to the folder given (or the file's name). */
export type ImportFile = { path: string; name: string; text: string };
export type CliOptions = { dryRun: boolean; json: boolean; services: string[]; paths: string[] };

/** The import form's limit (lib/runbooks/schemas.ts), so both refuse the same files. */
const MAX_BYTES = 1_000_000;
const MARKDOWN = /\.(?:md|markdown)$/i;
const USAGE = "usage: npm run runbooks:import -- [--dry-run] [--json] [--service SLUG]... <file-or-folder>...";

/** A problem with what was asked for: printed as is, exit code 2. */
export class InputError extends Error {}

export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { "dry-run": { type: "boolean" }, json: { type: "boolean" }, service: { type: "string", multiple: true } },
    });
  } catch (error) {
    throw new InputError(`${(error as Error).message}\n${USAGE}`);
  }
  if (parsed.positionals.length === 0) throw new InputError(`name at least one Markdown file or folder\n${USAGE}`);
  const services = (parsed.values.service ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  const bad = services.find((v) => !/^[a-z0-9][a-z0-9-_.]{0,62}$/.test(v));
  if (bad) throw new InputError(`--service ${bad}: service names use lower-case letters, digits, dots, dashes and underscores`);
  return { dryRun: parsed.values["dry-run"] === true, json: parsed.values.json === true, services, paths: parsed.positionals };
}

function describe(error: unknown, what: string): InputError {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return new InputError(`${what}: no such file or folder`);
  if (code === "EACCES" || code === "EPERM") return new InputError(`${what}: permission denied`);
  if (code === "EISDIR") return new InputError(`${what}: is a folder`);
  return new InputError(`${what}: cannot be read (${(error as Error)?.message ?? error})`);
}

async function markdownBelow(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw describe(error, dir);
  }
  const found: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules") found.push(...(await markdownBelow(full)));
    else if (e.isFile() && MARKDOWN.test(e.name)) found.push(full);
  }
  return found;
}

/** Files to read, each with the name it is imported under; folders expand to their *.md, sorted. */
export async function collectFiles(paths: string[]): Promise<{ path: string; name: string }[]> {
  const out = new Map<string, string>();
  for (const given of paths) {
    const info = await stat(given).catch((error) => {
      throw describe(error, given);
    });
    if (info.isDirectory()) {
      const files = (await markdownBelow(given)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (files.length === 0) throw new InputError(`${given}: no Markdown (*.md) files in this folder`);
      for (const f of files) out.set(path.resolve(f), path.relative(given, f).split(path.sep).join("/"));
    } else if (!MARKDOWN.test(given)) throw new InputError(`${given}: not a Markdown file (expected a .md file)`);
    else out.set(path.resolve(given), path.basename(given));
  }
  return [...out].map(([file, name]) => ({ path: file, name }));
}

export async function readImportFile(file: { path: string; name: string }): Promise<ImportFile> {
  const bytes = await readFile(file.path).catch((error) => {
    throw describe(error, file.name);
  });
  if (bytes.length > MAX_BYTES) throw new InputError(`${file.name}: over 1 MB; split it into several files`);
  if (bytes.includes(0)) throw new InputError(`${file.name}: not a text file (it contains NUL bytes)`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InputError(`${file.name}: not UTF-8 text`);
  }
  // Parsed later, and only for a dry run: an import skips unchanged files before parsing them.
  return { ...file, text };
}

/** Imports into DATABASE_URL; prints a summary (or JSON) and returns the exit code. */
export async function importIntoDatabase(files: ImportFile[], options: CliOptions): Promise<number> {
  // Loaded here so a dry run needs no database and no configuration.
  const { importFiles } = await import("@/lib/runbooks/import-files");
  const { db } = await import("@/lib/db");
  try {
    const r = await importFiles(files.map((f) => ({ source: f.name, text: f.text })), { id: null, label: "runbooks:import" }, options.services);
    if (options.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    else {
      for (const d of r.documents) if (d.status !== "unchanged") console.log(`${d.source}: ${d.created.length} new, ${d.updated.length} updated${d.archived.length ? `, ${d.archived.length} archived` : ""}`);
      for (const f of r.failed) console.error(`${f.file}: ${f.error}`);
      console.log(`${r.files} file(s) in ${r.seconds.toFixed(2)} s: ${r.created} runbook(s) new, ${r.updated} updated, ${r.archived} archived; ${r.unchanged} file(s) unchanged, ${r.failed.length} failed.`);
    }
    return r.failed.length ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}

export function summarize(doc: ParsedDocument): string {
  const steps = (r: ParsedDocument["runbooks"][number]) => r.phases.reduce((n, p) => n + p.steps.length, 0);
  const commands = doc.runbooks.reduce((n, r) => n + r.phases.reduce((m, p) => m + p.steps.reduce((k, s) => k + s.commands.length, 0), 0), 0);
  const scenarios = doc.runbooks.filter((r) => r.kind === "scenario").length;
  const total = doc.runbooks.reduce((n, r) => n + steps(r), 0);
  const head = `${doc.file}: "${doc.title}", ${doc.runbooks.length} runbooks (${scenarios} scenario, ${doc.runbooks.length - scenarios} shared), ${total} steps, ${commands} commands`;
  const lines = doc.runbooks.map((r) => {
    const alerts = r.alerts.length ? `alerts ${r.alerts.join(", ")}` : "no alert";
    const mttr = r.mttrMinutes === null ? "" : `, MTTR ${r.mttrMinutes} min`;
    const severity = r.severity?.level ? `, ${r.severity.level}` : "";
    return `  ${r.kind.padEnd(8)} ${r.key} (line ${r.line}): ${alerts}${severity}${mttr}, ${steps(r)} steps in ${r.phases.length} phase(s)`;
  });
  return [head, ...lines].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const options = parseCli(argv);
  const files: ImportFile[] = [];
  for (const f of await collectFiles(options.paths)) files.push(await readImportFile(f));
  if (!options.dryRun) return importIntoDatabase(files, options);
  const documents = files.map((f) => parseRunbookDocument(f.text, f.name));
  process.stdout.write(options.json ? `${JSON.stringify({ documents }, null, 2)}\n` : `${documents.map(summarize).join("\n\n")}\n`);
  return 0;
}

const invoked = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invoked) {
  main(process.argv.slice(2))
    .then((code) => (process.exitCode = code))
    .catch((error) => {
      console.error(error instanceof InputError ? `runbooks-import: ${error.message}` : error);
      process.exitCode = 2;
    });
}
