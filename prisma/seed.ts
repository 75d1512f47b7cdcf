// The demo workspace: three users, one per role, and the five seed runbooks. Idempotent: with
// any user present it creates no user, and unchanged runbooks are skipped; it prints the logins. Run by `npm start` on the embedded database (or with SITREP_DEMO=1).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { DEMO_RUNBOOKS } from "@/lib/runbooks/demo";
import { bindDemoDocument } from "@/lib/runbooks/demo-bindings";
import { importDocuments } from "@/lib/runbooks/import";
import { formatProblem, parseCatalog } from "@/lib/services/catalog";
import { createUser } from "@/lib/users/mutations";
import type { RoleName } from "@/lib/auth/roles";

export const DEMO_USERS: { email: string; name: string; role: RoleName; password: string }[] = [
  { email: "admin@sitrep.local", name: "Avery Admin", role: "admin", password: "sitrep-admin-demo" },
  { email: "responder@sitrep.local", name: "Riley Responder", role: "responder", password: "sitrep-responder-demo" },
  { email: "viewer@sitrep.local", name: "Val Viewer", role: "viewer", password: "sitrep-viewer-demo" },
];

async function main() {
  // --runbooks-only: the bound seed runbooks without users (the end-to-end tests use it).
  if (process.argv.includes("--runbooks-only")) return seedRunbooks();
  const existing = await db.user.count();
  if (existing === 0) {
    for (const user of DEMO_USERS) await createUser({ id: null, label: "seed" }, user, "seed");
    console.log("Created the demo workspace.");
  }
  await seedRunbooks();
  const present = await db.user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } }, select: { email: true } });
  if (present.length === 0) return;
  console.log("\nDemo logins (change these passwords before real use):");
  for (const u of DEMO_USERS.filter((d) => present.some((p) => p.email === d.email))) {
    console.log(`  ${u.role.padEnd(9)}  ${u.email.padEnd(24)}  ${u.password}`);
  }
  console.log("");
}

/**
 * Imports the seed runbooks in one transaction, their steps bound to the demo catalog's actions
 * (lib/runbooks/demo-bindings.ts); unchanged files are skipped, so every start is cheap. A binding
 * that cannot be made is reported and the runbook imported without it: the demo still starts.
 */
async function seedRunbooks() {
  const dir = path.join(process.cwd(), "demo/runbooks");
  const parsed = parseCatalog(await readFile(path.join(process.cwd(), "demo/catalog.yaml"), "utf8"), "demo/catalog.yaml");
  if (!parsed.ok) console.warn(`The demo runbooks are imported unbound: demo/catalog.yaml has problems:\n  ${parsed.problems.map(formatProblem).join("\n  ")}`);
  const docs = await Promise.all(DEMO_RUNBOOKS.map(async ({ file, services, steps }) => {
    const raw = await readFile(path.join(dir, file), "utf8");
    if (!parsed.ok) return { source: file, text: raw, services };
    const bound = bindDemoDocument(file, raw, parsed.catalog, steps);
    for (const p of bound.problems) console.warn(`Demo runbook binding skipped: ${p}`);
    return { source: file, text: bound.text, services };
  }));
  for (const r of await importDocuments({ id: null, label: "seed" }, docs)) {
    if (r.status === "imported") console.log(`Imported ${r.source}: ${r.created.length} new, ${r.updated.length} updated runbook(s).`);
  }
}

main()
  .catch((error) => {
    console.error("Seeding the demo workspace failed:", error?.message ?? error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
