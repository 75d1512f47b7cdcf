// The Sitrep side of `npm run bench:actions`, in a tsx process (the lib code is "server-only"):
// stores a catalog declaring the bench's no-op endpoint as an http action, then
//   1. latency: requestActionRun + executeActionRun (audit included) against fetch() of the same
//      endpoint, interleaved and alternating which goes first, after a warm-up;
//   2. BENCH_CONCURRENT runs at once, distinct idempotency keys;
//   3. BENCH_TWINS submissions at once of one idempotency key;
// and walks the audit chain with the code of `npm run audit:verify`. The catalog in force before
// is put back (an empty one if there was none). Input: BENCH_NOOP_URL and the counts below.
// Output: one JSON line on stdout.
import { randomUUID } from "node:crypto";
import { executeActionRun, requestActionRun } from "@/lib/actions/runs";
import { verifyAuditChain } from "@/lib/audit/queries";
import { db } from "@/lib/db";
import { catalogVars } from "@/lib/env";
import { ConflictError } from "@/lib/errors";
import { parseCatalog } from "@/lib/services/catalog";
import { EMPTY_CATALOG, storeCatalog } from "@/lib/services/catalog-store";

const NOOP = process.env.BENCH_NOOP_URL!;
const WARMUP = Number(process.env.BENCH_WARMUP || 20);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 200);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT || 50);
const TWINS = Number(process.env.BENCH_TWINS || 20);

const actor = { id: null, label: "bench-actions" };
const ctx = { env: {} };
const service = `bench-noop-${randomUUID().slice(0, 8)}`;
const FILE = "bench-actions.yaml";
const VERBS = ["action.request", "action.start", "action.finish"];
// What the action sends, so the direct call sends the very same request.
const BODY = { mode: "dry-run" };
const catalogText = `services:
  - slug: ${service}
    name: No-op target (bench:actions)
    actions:
      - name: noop
        title: No-op
        danger: safe
        timeout: 5s
        params:
          mode: { type: enum, values: [dry-run, real], default: dry-run, label: Mode }
        http:
          url: ${NOOP}/noop
          body: { mode: "{{mode}}" }
`;

const ms = (started: number) => performance.now() - started;
const hits = async (): Promise<{ sitrep: number; direct: number }> => (await fetch(`${NOOP}/hits`)).json();

async function viaSitrep(idempotencyKey = randomUUID()) {
  const started = performance.now();
  const { run } = await requestActionRun(actor, { service, action: "noop", params: {}, idempotencyKey });
  const requestMs = ms(started);
  const done = await executeActionRun(actor, run.id, ctx);
  if (done.status !== "succeeded") throw new Error(`run ${run.id}: executeActionRun returned it ${done.status}${done.error ? ` (${done.error})` : ""}`);
  return { totalMs: ms(started), requestMs, runId: run.id };
}

async function direct() {
  const started = performance.now();
  const res = await fetch(`${NOOP}/noop`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, */*" }, body: JSON.stringify(BODY) });
  await res.text();
  if (!res.ok) throw new Error(`the no-op endpoint answered ${res.status}`);
  return ms(started);
}

/** fn's result and this process's CPU milliseconds while it ran (calls run one at a time here). */
async function withCpu<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const before = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(before);
  return [value, (used.user + used.system) / 1000];
}

async function latency() {
  const sitrep: number[] = [], requestOnly: number[] = [], plain: number[] = [];
  const cpu = { sitrep: 0, direct: 0 };
  for (let i = -WARMUP; i < ITERATIONS; i++) {
    // Alternate the order: neither side always runs right after the other's GC or I/O.
    let s: [Awaited<ReturnType<typeof viaSitrep>>, number], d: [number, number];
    if (i % 2 === 0) {
      s = await withCpu(() => viaSitrep());
      d = await withCpu(direct);
    } else {
      d = await withCpu(direct);
      s = await withCpu(() => viaSitrep());
    }
    if (i < 0) continue;
    sitrep.push(s[0].totalMs);
    requestOnly.push(s[0].requestMs);
    plain.push(d[0]);
    cpu.sitrep += s[1];
    cpu.direct += d[1];
  }
  return { sitrep, requestOnly, direct: plain, cpuMsPerCall: { sitrep: cpu.sitrep / ITERATIONS, direct: cpu.direct / ITERATIONS } };
}

/** Each run's audit verbs in chain order, for every entry that names one of these runs. */
async function auditByRun(runIds: string[]) {
  const rows = await db.$queryRaw<{ run: string; verb: string }[]>`
    SELECT "after"->>'runId' AS "run", "verb" FROM "AuditEntry" WHERE "after"->>'runId' = ANY(${runIds}) ORDER BY "seq"`;
  const byRun = new Map<string, string[]>(runIds.map((id) => [id, []]));
  for (const r of rows) byRun.get(r.run)!.push(r.verb);
  return byRun;
}

const exactlyThree = (verbs: string[]) => verbs.length === VERBS.length && verbs.every((v, i) => v === VERBS[i]);

async function concurrent() {
  const before = await hits();
  const started = performance.now();
  const keys = Array.from({ length: CONCURRENT }, () => randomUUID());
  const outcomes = await Promise.allSettled(keys.map((key) => viaSitrep(key)));
  const wallMs = ms(started);
  const ok = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
  const errors = outcomes.flatMap((o) => (o.status === "rejected" ? [String(o.reason?.message ?? o.reason)] : []));
  const rows = await db.actionRun.findMany({ where: { idempotencyKey: { in: keys } }, select: { id: true, status: true, finishedAt: true } });
  const statuses: Record<string, number> = {};
  for (const r of rows) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const audit = await auditByRun(rows.map((r) => r.id));
  return {
    runs: CONCURRENT, rows: rows.length, statuses, fulfilled: ok.length, errors: errors.slice(0, 5), wallMs, latencies: ok.map((r) => r.totalMs),
    auditEntries: [...audit.values()].reduce((n, v) => n + v.length, 0),
    runsWithExactlyThree: [...audit.values()].filter(exactlyThree).length,
    badAudit: [...audit].filter(([, v]) => !exactlyThree(v)).slice(0, 5).map(([id, v]) => `${id}: ${v.join(",") || "none"}`),
    succeeded: rows.filter((r) => r.status === "succeeded" && r.finishedAt).length,
    endpointCalls: (await hits()).sitrep - before.sitrep,
  };
}

/** TWINS callers press the same button: each requests with one key, then tries to execute. */
async function twins() {
  const idempotencyKey = randomUUID();
  const before = await hits();
  const outcomes = await Promise.allSettled(Array.from({ length: TWINS }, async () => {
    const { run, duplicate } = await requestActionRun(actor, { service, action: "noop", params: {}, idempotencyKey });
    try {
      await executeActionRun(actor, run.id, ctx);
      return { runId: run.id, duplicate, executed: true };
    } catch (e) {
      if (e instanceof ConflictError) return { runId: run.id, duplicate, executed: false };
      throw e;
    }
  }));
  const ok = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
  const rows = await db.actionRun.findMany({ where: { idempotencyKey }, select: { id: true, status: true } });
  const audit = await auditByRun(rows.map((r) => r.id));
  return {
    submissions: TWINS, fulfilled: ok.length,
    errors: outcomes.flatMap((o) => (o.status === "rejected" ? [String(o.reason?.message ?? o.reason)] : [])).slice(0, 5),
    distinctRunIds: new Set(ok.map((r) => r.runId)).size, created: ok.filter((r) => !r.duplicate).length,
    executed: ok.filter((r) => r.executed).length, rows: rows.length, status: rows[0]?.status ?? null,
    auditVerbs: rows[0] ? audit.get(rows[0].id)! : [], endpointCalls: (await hits()).sitrep - before.sitrep,
  };
}

async function storeBenchCatalog() {
  const previous = await db.catalogVersion.findFirst({ orderBy: { id: "desc" }, select: { text: true, source: true } });
  const parsed = parseCatalog(catalogText, FILE);
  if (!parsed.ok) throw new Error(`the bench's catalog is invalid: ${JSON.stringify(parsed.problems)}`);
  await storeCatalog(actor, { ok: true, catalog: parsed.catalog, text: catalogText, file: FILE }, "catalog.load");
  // Put back what was in force; with none before, an empty catalog rather than the bench's.
  const { text, source } = previous ?? { text: "services: []\n", source: FILE };
  return async () => {
    const back = parseCatalog(text, source, catalogVars());
    await storeCatalog(actor, { ok: true, catalog: back.ok ? back.catalog : EMPTY_CATALOG, text, file: source }, "catalog.load");
  };
}

async function main() {
  const restore = await storeBenchCatalog();
  let figures;
  try {
    figures = { service, latency: await latency(), concurrent: await concurrent(), twins: await twins() };
  } finally {
    await restore();
  }
  // Last, so the walk covers every entry the bench wrote, the catalog's put-back included.
  const started = performance.now();
  const chain = await verifyAuditChain();
  const verify = { ok: chain.ok, count: chain.count, ms: ms(started), problem: chain.ok ? null : `#${chain.problem.seq ?? "?"}: ${chain.problem.message}` };
  console.log(JSON.stringify({ ...figures, verify }));
}

main()
  .then(() => (process.exitCode = 0))
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect().finally(() => process.exit()));
