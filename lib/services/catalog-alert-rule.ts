// The catalog's alert rules (services[].alertRules), evaluated by lib/alerts/rules. Pure zod.
// Two kinds: a threshold rule on a metric, and a health rule on the service's health checks.
import { z } from "zod";
import { unknownPlaceholders } from "@/lib/alerts/rules/template";
import { duration, metricName, seriesKind, severity } from "@/lib/services/catalog-fields";

/** A series a rule divides by: scraped directly, like a panel line without `by`. */
const ruleSeries = z.strictObject({
  metric: metricName,
  labels: z.record(z.string(), z.string()).default({}),
  kind: seriesKind.default("gauge"),
  denominator: metricName.optional(),
});

const template = z.string().min(1).superRefine((text, ctx) => {
  for (const name of unknownPlaceholders(text)) ctx.addIssue({ code: "custom", message: `{{${name}}} is not a placeholder: use {{service}}, {{value}} or {{threshold}}` });
});

type RatioCheck = { kind?: string; denominator?: string };
function ratioProblems({ kind, denominator }: RatioCheck): string | null {
  if (kind === "ratio" && !denominator) return "kind: ratio needs a denominator metric";
  if (denominator && kind !== "ratio") return "a denominator is read only with kind: ratio";
  return null;
}

/** The fields only a threshold rule reads: a health rule judges the health checks instead. */
const THRESHOLD_ONLY = ["metric", "labels", "kind", "denominator", "query", "over", "scale", "op", "value"] as const;

/**
 * A threshold rule on the metrics Sitrep pulls, for teams without Alertmanager (the seed
 * agent-node's registerThreshold): the value of a series (divided by `over`, the sum of one or
 * more series, then times `scale`) compared with `value`; it fires once the comparison has held
 * at every step for `for`. "error rate > 5% for 5m": metric errors (rate) over requests (rate),
 * scale 100, op ">", value 5, for 5m. A service on a Prometheus server uses `query` (PromQL).
 *
 * A health rule (`health: down` or `health: degraded`) fires once every health check of the
 * service for `for` was down (or degraded or worse): "RunnerDown: down for 1m".
 */
export const alertRule = z
  .strictObject({
    /** the alert's name (alertname), which runbooks list under "Alerts" */
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_:-]{0,62}$/, "must be an alert name like HighErrorRate"),
    title: template,
    message: template.optional(),
    /** a health rule: the status that fires it, held for `for` */
    health: z.enum(["down", "degraded"], { error: 'must be "down" or "degraded"' }).optional(),
    metric: metricName.optional(),
    labels: z.record(z.string(), z.string()).optional(),
    kind: seriesKind.optional(),
    denominator: metricName.optional(),
    query: z.string().min(1).optional(),
    /** one series or a list whose values are added: failed / (processed + failed) */
    over: z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(ruleSeries).min(1, "needs at least one series")).optional(),
    scale: z.number().positive().optional(),
    op: z.enum([">", ">=", "<", "<="], { error: 'must be ">", ">=", "<" or "<="' }).optional(),
    value: z.number().optional(),
    for: duration.optional(),
    severity,
    /** a runbook slug or URL; by default the runbook that lists `name` among its alerts */
    runbook: z.string().min(1).optional(),
    attach: z.boolean().optional(), // false: opens its own incident, never joins an open one (README: SITREP_ALERT_ATTACH)
  })
  .superRefine((r, ctx) => {
    const say = (message: string, ...path: (string | number)[]) => ctx.addIssue({ code: "custom", message, path });
    if (r.health) {
      for (const k of THRESHOLD_ONLY) if (r[k] !== undefined) say("a health rule judges the service's health checks, not a metric: drop it", k);
      return;
    }
    if (r.op === undefined) say('must be ">", ">=", "<" or "<=" (or write health: down for a rule on the health checks)', "op");
    if (r.value === undefined) say("needs the number to compare with", "value");
    if (Boolean(r.metric) === Boolean(r.query)) return say("needs exactly one of metric (a scraped metric) or query (PromQL)");
    if (r.query) {
      for (const k of ["labels", "kind", "denominator", "over"] as const) if (r[k] !== undefined) say("a query rule computes its value in PromQL: drop it", k);
      return;
    }
    const own = ratioProblems({ kind: r.kind ?? "gauge", denominator: r.denominator });
    if (own) say(own, r.denominator ? "denominator" : "kind");
    r.over?.forEach((o, i) => {
      const bad = ratioProblems(o);
      if (bad) say(bad, "over", i, o.denominator ? "denominator" : "kind");
    });
  })
  .transform(({ name, title, message, severity: sev, runbook, attach, for: hold, health, ...t }) => {
    const common = { name, title, message: message ?? "", severity: sev, runbook, attach, forMs: hold ?? 0 };
    if (health) return { type: "health" as const, ...common, health };
    return {
      type: "threshold" as const,
      ...common,
      // Present once the refinement above passed.
      op: t.op!,
      value: t.value!,
      scale: t.scale ?? 1,
      series: { metric: t.metric, labels: t.labels ?? {}, kind: t.kind ?? "gauge", by: [] as string[], denominator: t.denominator, query: t.query },
      over: t.over?.map((o) => ({ ...o, by: [] as string[] })),
    };
  });

export type CatalogRule = z.output<typeof alertRule>;
export type ThresholdRule = Extract<CatalogRule, { type: "threshold" }>;
export type HealthRule = Extract<CatalogRule, { type: "health" }>;
