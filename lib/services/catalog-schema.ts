// The service catalog's shape (YAML, see README "Service catalog"). Pure zod: no I/O here.
import { z } from "zod";
import { alertRule } from "@/lib/services/catalog-alert-rule";
import { duration, metricName, seriesKind, severity } from "@/lib/services/catalog-fields";

export { duration };

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be lower-case letters, digits and dashes (e.g. beacon-runner)");
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });

/**
 * A JSON field to read from the health response: "status", "checks.db.status",
 * "services[].circuit_breaker_stats.state". A path with `[]` yields one sub-check per array
 * element, named by the element's `key` field (default: name, id, service or provider).
 */
const healthField = z.strictObject({
  path: z.string().regex(/^[A-Za-z0-9_$-]+(\[\])?(\.[A-Za-z0-9_$-]+(\[\])?)*$/, 'must be a dotted path like "status" or "services[].circuit_breaker_stats.state"'),
  label: z.string().min(1).optional(),
  key: z.string().min(1).optional(),
  /** values that mean healthy; with none, the field is shown but never judged */
  ok: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1).optional(),
  /** what a value outside `ok` makes the service */
  severity: z.enum(["degraded", "down"]).default("degraded"),
});

const health = z.strictObject({
  url: httpUrl,
  method: z.enum(["GET", "HEAD"]).default("GET"),
  expectStatus: z.union([z.number().int().min(100).max(599), z.array(z.number().int().min(100).max(599)).min(1)]).default(200),
  interval: duration.default(15_000),
  timeout: duration.default(5_000),
  fields: z.array(healthField).default([]),
});

const thresholds = z.strictObject({ warn: z.number().optional(), crit: z.number().optional(), direction: z.enum(["above", "below"]).default("above") });

/**
 * One line (or one line per `by` label value) on a panel. Scraped directly: a metric and how
 * to chart it. From a Prometheus server: a PromQL query.
 *   gauge: the value · rate: per-second rate of a counter · p50/p95/p99: a histogram's quantile
 *   ratio: metric / denominator (both gauges), e.g. heap used / heap total
 */
const seriesFields = {
  metric: metricName.optional(),
  labels: z.record(z.string(), z.string()).optional(),
  kind: seriesKind.default("gauge"),
  by: z.array(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "must be a label name")).optional(),
  denominator: metricName.optional(),
  query: z.string().min(1).optional(),
  legend: z.string().min(1).optional(),
};

const series = z.strictObject(seriesFields);

const panel = z
  .strictObject({
    title: z.string().min(1),
    ...seriesFields,
    series: z.array(series).min(1).optional(),
    unit: z.string().max(20).optional(),
    /** a key panel is also shown on incidents that affect the service */
    key: z.boolean().default(false),
    thresholds: thresholds.optional(),
  })
  .transform(({ title, series: list, unit, key, thresholds: t, ...one }) => ({
    title, unit, key, thresholds: t,
    series: (list ?? [one]).map((s) => ({ ...s, labels: s.labels ?? {}, by: s.by ?? [] })),
  }));

const metrics = z.strictObject({
  scrape: httpUrl.optional(),
  prometheus: httpUrl.optional(),
  interval: duration.default(15_000),
});

const param = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("enum"), values: z.array(z.string().min(1)).min(1), default: z.string().optional(), label: z.string().optional() }),
  z.strictObject({ type: z.literal("integer"), min: z.number().int(), max: z.number().int(), default: z.number().int().optional(), label: z.string().optional() }),
  z.strictObject({ type: z.literal("string"), pattern: z.string().min(1), default: z.string().optional(), label: z.string().optional() }),
]);

const httpExecutor = z.strictObject({
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).default("POST"),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.unknown().optional(),
});

const commandExecutor = z.strictObject({
  argv: z.array(z.string()).min(1, "needs at least the program to run"),
  cwd: z.string().optional(),
  /** names of environment variables passed through; nothing else is */
  env: z.array(z.string().regex(/^[A-Z_][A-Z0-9_]*$/, "must be an environment variable name")).default([]),
  maxOutputBytes: z.number().int().positive().max(10_000_000).default(64_000),
});

/**
 * What should hold after an action, checked every few seconds until `within` runs out:
 * the service's health ("up": every health field ok, e.g. all circuit breakers closed) and/or
 * one metric sample compared with a value ("outbox_unpublished_count < 10").
 */
const verify = z
  .strictObject({
    health: z.enum(["up", "not-down"]).optional(),
    metric: z.strictObject({
      name: metricName,
      labels: z.record(z.string(), z.string()).default({}),
      op: z.enum(["<", "<=", ">", ">=", "=="]),
      value: z.number(),
    }).optional(),
    within: duration.default(60_000),
  })
  .refine((v) => v.health || v.metric, { message: "needs a health or a metric condition" });

const action = z
  .strictObject({
    name: slug,
    title: z.string().min(1),
    description: z.string().default(""),
    danger: z.enum(["safe", "caution", "destructive"]).default("caution"),
    approval: z.boolean().default(false),
    timeout: duration.default(30_000),
    params: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "must be a parameter name"), param).default({}),
    http: httpExecutor.optional(),
    command: commandExecutor.optional(),
    verify: verify.optional(),
    rollback: slug.optional(),
    /** runbook command patterns this action performs ("flyctl restart --app beacon-runner*"): the importer suggests binding steps that run them */
    matches: z.array(z.string().trim().min(3, "a pattern needs at least 3 characters")).default([]),
  })
  .refine((a) => Number(Boolean(a.http)) + Number(Boolean(a.command)) === 1, { message: "needs exactly one executor: http or command" });

const ENV_REF = /^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/;

export const NOTIFY_EVENTS = ["incident.declared", "incident.severity", "incident.resolved", "action.approval"] as const;

/** Where Sitrep tells people: a Slack-compatible incoming webhook, or a JSON webhook signed with HMAC. */
const notificationChannel = z
  .strictObject({
    name: z.string().min(1).max(60),
    kind: z.enum(["slack", "webhook"]),
    /** usually ${env:NAME}: a webhook URL is a credential, resolved only when sending */
    url: z.string().min(1),
    /** HMAC-SHA256 key for webhook channels, as ${env:NAME} */
    secret: z.string().regex(ENV_REF, "write the signing secret as ${env:NAME} and set NAME in Sitrep's environment: the catalog is stored and shown").optional(),
    events: z.array(z.enum(NOTIFY_EVENTS)).min(1).default([...NOTIFY_EVENTS]),
    /** the least severe incident it hears about (P4: all) */
    minSeverity: severity.default("P4"),
  })
  .refine((c) => c.kind === "webhook" || !c.secret, { message: "only webhook channels are signed: drop secret" })
  .refine((c) => c.kind === "slack" || c.secret, { message: "a webhook channel is signed: add secret: ${env:NAME}", path: ["secret"] })
  .refine((c) => c.kind === "webhook" || c.url.includes("${env:"), { message: "a Slack webhook URL is a credential: write it as ${env:NAME} and set NAME in Sitrep's environment", path: ["url"] })
  .refine((c) => c.url.includes("${env:") || /^https?:\/\/[^\s/]+/.test(c.url), { message: "must be an http(s):// URL or ${env:NAME}", path: ["url"] });

export const serviceSchema = z.strictObject({
  slug,
  name: z.string().min(1),
  team: z.string().min(1).optional(),
  owner: z.string().min(1).optional(),
  tier: z.number().int().min(0).max(4).optional(),
  description: z.string().default(""),
  links: z.array(z.strictObject({ title: z.string().min(1), url: httpUrl })).default([]),
  dependsOn: z.array(slug).default([]),
  escalation: z.array(z.strictObject({ name: z.string().min(1), contact: z.string().min(1), when: z.string().optional() })).default([]),
  health: health.optional(),
  metrics: metrics.optional(),
  panels: z.array(panel).default([]),
  actions: z.array(action).default([]),
  alertRules: z.array(alertRule).default([]),
});

export const catalogSchema = z.strictObject({
  services: z.array(serviceSchema).min(1, "must list at least one service"),
  notifications: z.array(notificationChannel).default([]),
});

export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogService = z.infer<typeof serviceSchema>;
export type CatalogPanel = CatalogService["panels"][number];
export type CatalogSeries = CatalogPanel["series"][number];
export type CatalogHealth = NonNullable<CatalogService["health"]>;
export type CatalogAction = CatalogService["actions"][number];
export type CatalogAlertRule = CatalogService["alertRules"][number];
export type CatalogChannel = Catalog["notifications"][number];
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];
