// The Sitrep side of `npm run bench:audit`, in a tsx process (the lib code is "server-only").
// BENCH_WRITERS concurrent writers run audited transactions for BENCH_SECONDS per phase. Each
// transaction records 1–3 audit entries with BENCH_WORK_MS of other database work after each, in three phases on the same database, interleaved in time so the machine's noise hits
// all of them:
//   floor:  the same transactions without audit entries (what the work itself costs);
//   early:  audited, but taking the chain head's lock at the first entry and holding it to the
//           commit (how every write worked before the batched append; the baseline);
//   batched: appendAudit as it is now (one append statement at the end of the transaction).
// Output: one JSON line on stdout.
import { randomUUID } from "node:crypto";
import { observeAuditHolds } from "@/lib/audit/append";
import { appendAudit } from "@/lib/audit/mutations";
import { verifyAuditChain } from "@/lib/audit/queries";
import { db, type Tx } from "@/lib/db";

const WRITERS = Number(process.env.BENCH_WRITERS || 50);
const SECONDS = Number(process.env.BENCH_SECONDS || 8);
const WORK_MS = Number(process.env.BENCH_WORK_MS || 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2);
type Phase = "floor" | "early" | "batched";
const actor = { id: null, label: "bench-audit" };
const tag = `bench-audit-${randomUUID().slice(0, 8)}`;

type PhaseStats = { latencies: number[]; holds: number[]; done: number; errors: string[]; ms: number };
const stats: Record<Phase, PhaseStats> = {
  floor: { latencies: [], holds: [], done: 0, errors: [], ms: 0 },
  early: { latencies: [], holds: [], done: 0, errors: [], ms: 0 },
  batched: { latencies: [], holds: [], done: 0, errors: [], ms: 0 },
};
let current: Phase = "floor";
observeAuditHolds((holdMs) => {
  if (current === "batched") stats.batched.holds.push(holdMs);
});

// The transaction's own work between its audited changes (a query or two, a little app code).
async function work(tx: Tx) {
  await tx.$queryRaw`SELECT pg_sleep(${WORK_MS / 1000})::text`;
}

async function oneTransaction(phase: Phase, i: number) {
  const entries = 1 + (i % 3);
  let lockedAt = 0;
  await db.$transaction(async (tx) => {
    for (let e = 0; e < entries; e++) {
      if (phase === "early" && e === 0) {
        await tx.$queryRaw`SELECT "seq" FROM "AuditHead" WHERE "id" = 1 FOR UPDATE`;
        lockedAt = Date.now();
      }
      if (phase !== "floor") await appendAudit(tx, { actor, verb: "bench.audit", target: { type: "bench", id: `${tag}-${i}-${e}` }, after: { phase, e } });
      await work(tx);
    }
  }, { maxWait: 10_000, timeout: 30_000 });
  if (phase === "early") stats.early.holds.push(Date.now() - lockedAt);
}

async function runPhase(phase: Phase) {
  current = phase;
  const s = stats[phase];
  const until = Date.now() + SECONDS * 1000;
  const started = Date.now();
  let counter = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (Date.now() < until) {
        const t = Date.now();
        try {
          await oneTransaction(phase, counter++);
          s.latencies.push(Date.now() - t);
          s.done++;
        } catch (error) {
          s.errors.push(error instanceof Error ? error.message.slice(0, 200) : String(error));
        }
      }
    }),
  );
  s.ms += Date.now() - started;
}

async function main() {
  await db.$transaction(async (tx) => appendAudit(tx, { actor, verb: "bench.audit.warmup", target: { type: "bench" } }));
  for (let r = 0; r < ROUNDS; r++) for (const phase of ["floor", "early", "batched"] as Phase[]) await runPhase(phase);
  const t = Date.now();
  const verify = await verifyAuditChain();
  const out = { writers: WRITERS, workMs: WORK_MS, seconds: SECONDS * ROUNDS, stats, verify: { ...verify, ms: Date.now() - t } };
  console.log(JSON.stringify(out, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
  await db.$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
