// Prometheus Alertmanager's webhook payload, version 4
// (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config). Strict: a field
// Sitrep does not know is refused, so a misrouted payload never half-ingests. Pure zod.
import { z } from "zod";

const MAX_ALERTS = 5_000;
const MAX_GROUP_KEY_BYTES = 2_000;
const utf8 = new TextEncoder();
// PostgreSQL cannot store a NUL character, nor half of a UTF-16 surrogate pair in JSON (JSON's
// "\ud800" escape parses in JavaScript, not in jsonb): refuse them here rather than fail on insert.
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`)
  .refine((v) => !v.includes("\u0000"), { message: "must not contain NUL characters" })
  .refine((v) => v.isWellFormed(), { message: "must be valid Unicode (it holds half of a surrogate pair)" });
const labelSet = z
  .record(text(256).min(1, "a label name cannot be empty"), text(8_192))
  .refine((r) => Object.keys(r).length <= 200, { message: "has more than 200 labels" });
const time = z.iso
  .datetime({ offset: true, error: 'must be an RFC 3339 time like "2026-12-02T02:15:53Z"' })
  // Years 1 to 9999 once in UTC, as PostgreSQL stores them: "0000-…" or "0001-01-01T00:30:00+01:00" is year 0.
  .refine((v) => {
    const year = new Date(v).getUTCFullYear();
    return year >= 1 && year <= 9999;
  }, { message: "is not a real date between the years 1 and 9999" });

export const amAlertSchema = z.strictObject({
  status: z.enum(["firing", "resolved"], { error: 'must be "firing" or "resolved"' }),
  labels: labelSet.refine((l) => typeof l.alertname === "string" && l.alertname.length > 0, { message: "needs an alertname label" }),
  annotations: labelSet.default({}),
  startsAt: time,
  endsAt: time.optional(),
  generatorURL: text(4_096).default(""),
  fingerprint: z.string().regex(/^[0-9a-zA-Z]{1,64}$/, "must be Alertmanager's alert fingerprint (hex)"),
});

export const amPayloadSchema = z.strictObject({
  version: z.literal("4", { error: 'must be "4" (Alertmanager\'s webhook payload version)' }),
  // PostgreSQL's unique index on the group key holds at most 2,704 bytes a row.
  groupKey: text(4_096).min(1, "cannot be empty").refine((k) => utf8.encode(k).byteLength <= MAX_GROUP_KEY_BYTES, {
    message: `is over ${MAX_GROUP_KEY_BYTES.toLocaleString("en")} bytes; group by fewer labels in Alertmanager's route (group_by)`,
  }),
  truncatedAlerts: z.number().int().min(0).default(0),
  status: z.enum(["firing", "resolved"], { error: 'must be "firing" or "resolved"' }),
  receiver: text(256).default(""),
  groupLabels: labelSet.default({}),
  commonLabels: labelSet.default({}),
  commonAnnotations: labelSet.default({}),
  externalURL: text(4_096).default(""),
  alerts: z.array(amAlertSchema).min(1, "needs at least one alert").max(MAX_ALERTS, `at most ${MAX_ALERTS} alerts per notification`),
});

export type AmPayload = z.infer<typeof amPayloadSchema>;
export type AmAlert = z.infer<typeof amAlertSchema>;
