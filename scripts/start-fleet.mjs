// The demo fleet for `npm start` in demo mode: simulated services from the seed runbooks, which
// the demo catalog (demo/catalog.yaml) points the poller at. Its admin token is generated once
// and kept in the data folder, like the session secret.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export function fleetToken(env, dataDir) {
  return env.SITREP_FLEET_TOKEN || tokenFile(dataDir, "fleet-token");
}

/** A random token kept in the data folder (created once, readable by its owner only). */
export function tokenFile(dataDir, name) {
  const file = path.join(dataDir, name);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, crypto.randomBytes(24).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (e) {
    if (e.code !== "EEXIST") throw e;
  }
  return fs.readFileSync(file, "utf8").trim();
}

/**
 * Starts the fleet through the caller's `run` (a long-lived child with a lifeline) and resolves
 * with its URL once it prints its ready line; sets SITREP_FLEET_URL/TOKEN and, unless the user
 * chose a catalog, SITREP_CATALOG for the app.
 */
export function startFleet({ root, env, dataDir, run, pipeLines, say }) {
  env.SITREP_FLEET_TOKEN = fleetToken(env, dataDir);
  env.SITREP_FLEET_PORT ||= "4700";
  const child = run("fleet", process.execPath, [path.join(root, "demo/fleet.mjs"), "--lifeline"], { longLived: true });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo fleet did not start within 15 s (port ${env.SITREP_FLEET_PORT} taken? set SITREP_FLEET_PORT)`)), 15_000);
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`the demo fleet exited with code ${code} (port ${env.SITREP_FLEET_PORT} taken? set SITREP_FLEET_PORT)`)); });
    pipeLines(child, (line) => {
      const m = /^fleet ready (\S+)/.exec(line);
      if (!m) return;
      clearTimeout(timer);
      env.SITREP_FLEET_URL = m[1];
      env.SITREP_CATALOG ||= path.join(root, "demo/catalog.yaml");
      say(`demo fleet: ${m[1]} (simulated services; catalog ${path.relative(root, env.SITREP_CATALOG)})`);
      resolve(m[1]);
    });
  });
}
