// Rates and quantiles over scraped samples, with Prometheus' semantics.

export type Point = { t: number; v: number };

/**
 * Per-second rate of a counter over its points (oldest first). A drop means the process
 * restarted and the counter began again from zero: the increase then counts the new value, as
 * Prometheus' rate() does, instead of going negative.
 */
export function counterRate(points: Point[]): number | null {
  const increase = counterIncrease(points);
  if (increase === null) return null;
  const seconds = (points[points.length - 1].t - points[0].t) / 1000;
  return seconds > 0 ? increase / seconds : null;
}

/** How much a counter grew across its points, counting through resets; null under two points. */
export function counterIncrease(points: Point[]): number | null {
  if (points.length < 2) return null;
  let increase = 0;
  for (let i = 1; i < points.length; i++) {
    const d = points[i].v - points[i - 1].v;
    increase += d >= 0 ? d : points[i].v;
  }
  return increase;
}

export type Bucket = { le: number; count: number };

/**
 * histogram_quantile(): `buckets` hold cumulative counts (or their increases over a window) per
 * upper bound. Linear interpolation inside the bucket; the +Inf bucket answers with the highest
 * finite bound, as Prometheus does.
 */
export function histogramQuantile(q: number, buckets: Bucket[]): number | null {
  if (q < 0 || q > 1 || Number.isNaN(q)) return null;
  const sorted = [...buckets].filter((b) => !Number.isNaN(b.le)).sort((a, b) => a.le - b.le);
  if (sorted.length < 2 || sorted[sorted.length - 1].le !== Number.POSITIVE_INFINITY) return null;
  // Counts must not decrease with the bound; scrapes taken mid-update can break that slightly.
  for (let i = 1; i < sorted.length; i++) sorted[i] = { ...sorted[i], count: Math.max(sorted[i].count, sorted[i - 1].count) };
  const total = sorted[sorted.length - 1].count;
  if (total <= 0) return null;
  const rank = q * total;
  const i = sorted.findIndex((b) => b.count >= rank);
  if (i === sorted.length - 1) return sorted[sorted.length - 2].le;
  const upper = sorted[i];
  const lowerBound = i === 0 ? (upper.le > 0 ? 0 : upper.le) : sorted[i - 1].le;
  const lowerCount = i === 0 ? 0 : sorted[i - 1].count;
  if (upper.count === lowerCount) return upper.le;
  return lowerBound + (upper.le - lowerBound) * ((rank - lowerCount) / (upper.count - lowerCount));
}

/** Per-bucket increases between two scrapes of a histogram, for a quantile over that window. */
export function bucketIncrease(before: Bucket[], after: Bucket[]): Bucket[] {
  const old = new Map(before.map((b) => [b.le, b.count]));
  return after.map((b) => {
    const prev = old.get(b.le) ?? 0;
    return { le: b.le, count: b.count >= prev ? b.count - prev : b.count };
  });
}
