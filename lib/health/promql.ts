// The PromQL equivalent of a directly scraped panel line, shown beside the chart so a responder
// can paste it into Prometheus or Grafana. Sitrep computes the same thing from its own samples.
import type { CatalogSeries } from "@/lib/services/catalog-schema";

const QUANTILES = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;

function selector(metric: string, labels: Record<string, string>): string {
  const matchers = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`);
  return matchers.length ? `${metric}{${matchers.join(", ")}}` : metric;
}

const sumBy = (by: string[]) => (by.length ? `sum by (${by.join(", ")})` : "sum");

/** `windowS`: the rate window in seconds, as the chart uses it. */
export function directPromql(s: CatalogSeries, windowS: number): string {
  const w = `[${Math.max(1, Math.round(windowS))}s]`;
  const metric = s.metric!;
  switch (s.kind) {
    case "gauge":
      return `${sumBy(s.by)}(${selector(metric, s.labels)})`;
    case "rate":
      return `${sumBy(s.by)}(rate(${selector(metric, s.labels)}${w}))`;
    case "ratio":
      return `${sumBy(s.by)}(${selector(metric, s.labels)}) / ${sumBy(s.by)}(${selector(s.denominator!, s.labels)})`;
    default:
      return `histogram_quantile(${QUANTILES[s.kind]}, sum by (${["le", ...s.by].join(", ")})(rate(${selector(`${metric.replace(/_bucket$/, "")}_bucket`, s.labels)}${w})))`;
  }
}

export const quantileOf = (kind: CatalogSeries["kind"]) => (kind in QUANTILES ? QUANTILES[kind as keyof typeof QUANTILES] : null);
