// Is the production build in .next older than the code? After a `git pull`, serving the old
// build against newly migrated tables would be a quiet, confusing failure: npm start rebuilds.
import fs from "node:fs";
import path from "node:path";

const INPUTS = ["app", "components", "lib", "public", "prisma/schema.prisma", "next.config.ts", "postcss.config.mjs",
  "proxy.ts", "instrumentation.ts", "package-lock.json", "tsconfig.json"];
const SKIP = new Set(["generated", "node_modules"]);

function newestMtime(p) {
  let stat;
  try { stat = fs.statSync(p); } catch { return 0; }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p)) {
    if (!SKIP.has(entry)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

/** "missing", "stale" (a source file is newer than the build) or "fresh". */
export function buildState(root) {
  let built;
  try { built = fs.statSync(path.join(root, ".next/BUILD_ID")).mtimeMs; } catch { return "missing"; }
  const newest = Math.max(...INPUTS.map((p) => newestMtime(path.join(root, p))));
  return newest > built ? "stale" : "fresh";
}
