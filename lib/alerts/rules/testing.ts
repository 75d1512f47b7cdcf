// For the rules' integration tests: the demo catalog with every slug (and dependency) made the
// test's own, and the seed runbooks imported so the alerts have something to link.
import { readFileSync } from "node:fs";
import { db } from "@/lib/db";
import { importRunbookDocument } from "@/lib/runbooks/import";
import { CATALOG_TEXT, until } from "@/demo/testing";

const actor = { id: null, label: "rules-integration-test" };
const seed = (file: string) => readFileSync(new URL(`../../../demo/runbooks/${file}`, import.meta.url), "utf8");

/** demo/catalog.yaml with `mine(slug)` for every service slug and dependency. */
export function taggedDemoCatalog(mine: (slug: string) => string, text = CATALOG_TEXT): string {
  return text
    .replace(/^(\s*- slug: )([a-z0-9-]+)$/gm, (_, head, slug) => head + mine(slug))
    .replace(/^(\s*dependsOn: \[)([^\]]*)\]/gm, (_, head, list: string) => `${head}${list.split(",").map((s) => mine(s.trim())).join(", ")}]`);
}

/** Imported under a source of the test's own, so its runbooks are the newest listing these alerts. */
export async function importSeedAs(tag: string, file: string, key: string): Promise<string> {
  const source = `${tag}/${file}`;
  await importRunbookDocument(actor, { source, text: seed(file) });
  return (await db.runbook.findFirstOrThrow({ where: { source, sourceKey: key }, select: { id: true } })).id;
}

/** The runbook a rule's `runbook:` slug names, imported from its seed file when no run has yet. */
export async function seedRunbookBySlug(file: string, slug: string): Promise<string> {
  const found = await db.runbook.findUnique({ where: { slug }, select: { id: true } });
  if (found) return found.id;
  await importRunbookDocument(actor, { source: file, text: seed(file) });
  return (await db.runbook.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
}

/** Waits until the poller has stored all 8 of the test's demo services as up. */
export function untilFleetStoredUp(tag: string): Promise<void> {
  return until("every demo service polled and stored up", async () => {
    const states = await db.serviceState.findMany({ where: { slug: { startsWith: `${tag}-` } }, select: { status: true } });
    return (states.length === 8 && states.every((s) => s.status === "up")) || `${states.length} stored`;
  }, 20_000);
}
