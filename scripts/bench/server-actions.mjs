// Server actions called over HTTP the way React's client calls them (POST with a Next-Action
// header), as bench:live does; ids come from the production build's server-reference manifest.
import fs from "node:fs";
import path from "node:path";
import { request } from "./war-day-record.mjs";

/** The action id of `name` exported by `file` (e.g. "lib/incidents/actions.ts") in the build. */
export function actionId(root, file, name) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8"));
  const hit = Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === name);
  if (!hit) throw new Error(`${file}#${name} is not in the build's server-reference manifest`);
  return hit[0];
}

/** The action's return value from a React flight response (row 0, or the row it points at). */
export function parseActionResult(text) {
  const rows = new Map(text.split("\n").map((l) => /^([0-9a-f]+):(.*)$/.exec(l)).filter(Boolean).map((m) => [m[1], m[2]]));
  try {
    let value = rows.has("0") ? JSON.parse(rows.get("0")).a : undefined;
    if (typeof value === "string" && value.startsWith("$@")) value = JSON.parse(rows.get(value.slice(2)) ?? "null");
    return value;
  } catch {
    return undefined;
  }
}

/**
 * Calls one action; resolves { ms, status, ok, value, text }. ok: HTTP 200 and the action's own
 * { ok: true } (an expected error such as a conflict answers 200 with ok: false).
 */
export async function callAction(agent, base, cookie, id, arg) {
  const headers = { "Next-Action": id, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8", Origin: base, cookie };
  const r = await request(agent, `${base}/`, { method: "POST", headers, body: JSON.stringify([arg]), keepText: true });
  const value = r.status === 200 ? parseActionResult(r.text) : undefined;
  return { ...r, ok: r.status === 200 && value?.ok === true, value };
}
