#!/usr/bin/env node
// `npm run bench:import`: a folder of 200 Markdown runbooks (variants of the five seed documents,
// each with its own titles and alert names, 1.7 MB in all) imported with `npm run runbooks:import`
// into a throwaway embedded database, or DATABASE_URL when it is local. Prints files per second
// for the first import (goal: the folder in under 5 s), for a re-import where every file is
// unchanged, and, as a baseline from the same run, for a dry run that only reads and parses.
//   BENCH_FILES=200 npm run bench:import
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { onStop, run, runBench, startDatabase } from "./bench/processes.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const COUNT = Number(process.env.BENCH_FILES || 200);
const GOAL_S = 5;
const say = (msg) => console.log(`[bench] ${msg}`);

/** COUNT files: each seed document with its headings and alert names made unique. */
function writeFolder(dir) {
  const seeds = fs.readdirSync(path.join(root, "demo/runbooks")).filter((f) => f.endsWith(".md")).sort();
  let bytes = 0;
  // Sources are paths relative to the folder: a run-unique subfolder keeps a reused database fresh.
  const run = `run-${Date.now().toString(36)}`;
  for (let i = 0; i < COUNT; i++) {
    const seed = seeds[i % seeds.length];
    const text = fs.readFileSync(path.join(root, "demo/runbooks", seed), "utf8")
      .replace(/^(#{1,4} )(.+)$/gm, (_m, hashes, title) => `${hashes}${title} (team ${i})`)
      .replace(/`([A-Z][a-z]+[A-Z][A-Za-z]+)`/g, (_m, alert) => `\`${alert}Team${i}\``);
    const file = path.join(dir, run, `team-${String(i).padStart(3, "0")}`, seed);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

/** Runs the import command; returns its wall time and the JSON summary it prints last. */
function timedImport(args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/runbooks-import.ts", "--json", ...args], {
      cwd: root, env, stdio: ["ignore", "pipe", "inherit"],
    });
    onStop(() => child.kill("SIGTERM"));
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.once("exit", (code) => {
      const wallS = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`runbooks:import exited with ${code}`));
      resolve({ wallS, summary: JSON.parse(out) });
    });
  });
}

const rate = (n, s) => `${(n / s).toFixed(1)} files/s`;

runBench(async () => {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
  env.DATABASE_URL = await startDatabase(env, say);
  await run(process.execPath, ["scripts/migrate.mjs", "deploy"], { cwd: root, env });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sitrep-bench-import-"));
  onStop(() => fs.rmSync(dir, { recursive: true, force: true }));
  const bytes = writeFolder(dir);
  say(`${COUNT} files, ${(bytes / 1024 / 1024).toFixed(1)} MB, in ${dir}`);

  const dry = await timedImport(["--dry-run", dir], env);
  const runbooks = dry.summary.documents.reduce((n, d) => n + d.runbooks.length, 0);
  const first = await timedImport([dir], env);
  const again = await timedImport([dir], env);
  const s = first.summary;
  if (s.files !== COUNT || s.failed.length) throw new Error(`import reported ${s.files} files, ${s.failed.length} failed`);
  if (again.summary.unchanged !== COUNT) throw new Error(`re-import left ${COUNT - again.summary.unchanged} file(s) not skipped`);

  const line = (label, r, inner) => say(`${label.padEnd(34)} ${r.wallS.toFixed(2).padStart(6)} s  ${rate(COUNT, r.wallS).padStart(14)}${inner ? `   (import itself ${inner.toFixed(2)} s, ${rate(COUNT, inner)})` : ""}`);
  say("");
  line("dry run (read + parse, baseline)", dry);
  line("first import", first, s.seconds);
  line("re-import, every file unchanged", again, again.summary.seconds);
  say(`${runbooks} runbooks created from ${COUNT} files; the first import took ${(first.wallS / dry.wallS).toFixed(2)}× the dry run`);
  // The goal is the import's own time; the command's start-up (tsx, the Prisma client: about 1 s
  // here) is the same for one file or a thousand, and is printed above beside it.
  const pass = s.seconds < GOAL_S;
  say(`Goal: the folder imports in under ${GOAL_S} s: ${pass ? "PASS" : "FAIL"} (${s.seconds.toFixed(2)} s; ${first.wallS.toFixed(2)} s for the whole command)`);
  return pass ? 0 : 1;
});
