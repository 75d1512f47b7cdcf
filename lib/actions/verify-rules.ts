// Judging an action's verification against one check of its service. Pure: the probe loop in
// verification.ts feeds it live checks.
import type { Sample } from "@/lib/health/exposition";
import type { CatalogAction } from "@/lib/services/catalog-schema";
import type { CheckStatus, SubCheck } from "@/lib/services/types";

export type Verify = NonNullable<CatalogAction["verify"]>;
export type Judged = { ok: boolean; detail: string };
/** What a run keeps of one health check: enough to compare before with after at a glance. */
export type HealthSnapshot = { at: string; status: CheckStatus; reason: string | null; failing: string[] };

type Seen = { status: CheckStatus; reason: string | null; subChecks: SubCheck[]; samples: Sample[] };

export function snapshotOf(seen: Seen, at: Date): HealthSnapshot {
  return { at: at.toISOString(), status: seen.status, reason: seen.reason, failing: failingOf(seen.subChecks) };
}

const failingOf = (subChecks: SubCheck[]) => subChecks.filter((c) => c.ok === false).map((c) => `${c.label}: ${c.value}`);

const COMPARE = { "<": (a: number, b: number) => a < b, "<=": (a: number, b: number) => a <= b, ">": (a: number, b: number) => a > b, ">=": (a: number, b: number) => a >= b, "==": (a: number, b: number) => a === b };

function judgeHealth(want: "up" | "not-down", seen: Seen): Judged {
  const ok = want === "up" ? seen.status === "up" : seen.status === "up" || seen.status === "degraded";
  const failing = failingOf(seen.subChecks);
  const why = seen.reason ?? (failing.length ? failing.slice(0, 3).join(", ") : null);
  return { ok, detail: ok ? `health is ${seen.status}` : `health is ${seen.status}${why ? ` (${why})` : ""}, needs ${want}` };
}

function judgeMetric(m: NonNullable<Verify["metric"]>, seen: Seen): Judged {
  const wanted = Object.entries(m.labels);
  const matching = seen.samples.filter((s) => s.name === m.name && wanted.every(([k, v]) => s.labels[k] === v));
  const condition = `${m.name}${wanted.length ? `{${wanted.map(([k, v]) => `${k}="${v}"`).join(",")}}` : ""} ${m.op} ${m.value}`;
  if (!matching.length) return { ok: false, detail: `${condition}: no such sample in the service's metrics` };
  const bad = matching.find((s) => !COMPARE[m.op](s.value, m.value));
  if (!bad) return { ok: true, detail: `${condition} holds (${matching.map((s) => s.value).join(", ")})` };
  const labels = Object.entries(bad.labels).map(([k, v]) => `${k}="${v}"`).join(",");
  return { ok: false, detail: `${condition} does not hold: ${m.name}${labels ? `{${labels}}` : ""} = ${bad.value}` };
}

/** Every declared condition must hold; the detail names each one's state. */
export function judgeVerify(verify: Verify, seen: Seen): Judged {
  const parts = [verify.health ? judgeHealth(verify.health, seen) : null, verify.metric ? judgeMetric(verify.metric, seen) : null].filter((p): p is Judged => p !== null);
  return { ok: parts.every((p) => p.ok), detail: parts.map((p) => p.detail).join("; ") };
}

/** "health up and outbox_unpublished_count < 10 within 60 s": shown before the run. */
export function describeVerify(verify: Verify): string {
  const parts = [verify.health ? `health ${verify.health}` : null, verify.metric ? `${verify.metric.name} ${verify.metric.op} ${verify.metric.value}` : null].filter(Boolean);
  return `${parts.join(" and ")} within ${Math.round(verify.within / 1000)} s`;
}
