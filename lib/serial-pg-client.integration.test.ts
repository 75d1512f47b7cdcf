// Inside an interactive transaction Prisma sends one query's relation loads at once (its query
// plan joins children with Promise.all) over the transaction's single pg connection. node-postgres
// 8 queues them with a DeprecationWarning; pg 9 refuses. lib/db.ts's client runs them in order.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";

const warnings: string[] = [];
const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
process.on("warning", onWarning);
afterAll(() => {
  process.off("warning", onWarning);
});

describe("the database client inside a transaction", () => {
  it("never has two queries in flight on one connection (no pg DeprecationWarning)", async () => {
    const rolledBack = new Error("rolled back on purpose");
    let rows: unknown[] = [];
    const outcome = db.$transaction(async (tx) => {
      // Its own incident, so the relation loads run on any database (and nothing is left behind).
      await tx.incident.create({ data: { title: "Serial client probe", severity: "P4", status: "triggered", startedAt: new Date() } });
      const out = [];
      for (let i = 0; i < 3; i++) {
        out.push(
          await tx.incident.findMany({
            take: 2,
            orderBy: { startedAt: "desc" },
            select: { id: true, commander: { select: { id: true } }, scribe: { select: { id: true } }, events: { take: 1, select: { id: true } }, checklists: { select: { id: true } } },
          }),
        );
      }
      rows = out;
      throw rolledBack;
    });
    await expect(outcome).rejects.toBe(rolledBack);
    expect(rows).toHaveLength(3);
    // Warnings are emitted on the next tick.
    await new Promise((r) => setImmediate(r));
    expect(warnings.filter((w) => w.includes("already executing a query"))).toEqual([]);
  });
});
