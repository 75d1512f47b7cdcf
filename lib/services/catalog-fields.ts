// Field types the catalog schema and its alert rules share. Pure zod: no I/O here.
import { z } from "zod";

/** "15s", "5m", "1h", "500ms", or a number of seconds; returned in milliseconds. */
export const duration = z.union([z.number().positive(), z.string()]).transform((v, ctx) => {
  if (typeof v === "number") return Math.round(v * 1000);
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(v.trim());
  if (!m) {
    ctx.addIssue({ code: "custom", message: 'must be a duration like "500ms", "15s", "5m" or "1h"' });
    return z.NEVER;
  }
  return Math.round(Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "ms" | "s" | "m" | "h"]);
});

export const metricName = z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, "must be a Prometheus metric name");

export const seriesKind = z.enum(["gauge", "rate", "p50", "p95", "p99", "ratio"]);

export const severity = z.enum(["P1", "P2", "P3", "P4"], { error: "must be P1, P2, P3 or P4" });
