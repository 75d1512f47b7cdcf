// Post-incident checklist buckets: when each item is due, counted from the incident's
// resolution (the seeds' "Immediate (0-1 hour)", "Short-term (1-24 hours)", "Long-term (1-7 days)").
const HOUR = 3_600_000;

export const BUCKETS = {
  immediate: { label: "Immediate", range: "0–1 h", startMs: 0, endMs: HOUR },
  short: { label: "Short-term", range: "1–24 h", startMs: HOUR, endMs: 24 * HOUR },
  long: { label: "Long-term", range: "1–7 days", startMs: 24 * HOUR, endMs: 7 * 24 * HOUR },
} as const;
export type Bucket = keyof typeof BUCKETS;
export const BUCKET_NAMES = Object.keys(BUCKETS) as [Bucket, ...Bucket[]];

/** When an item of `bucket` is due: resolution + the bucket's end. Null while the incident is unresolved. */
export function bucketDueAt(bucket: Bucket, resolvedAt: Date | null): Date | null {
  return resolvedAt ? new Date(resolvedAt.getTime() + BUCKETS[bucket].endMs) : null;
}

/** An unchecked item past its due time. */
export function isItemOverdue(item: { bucket: Bucket; checkedAt: Date | null }, resolvedAt: Date | null, now: Date): boolean {
  const due = bucketDueAt(item.bucket, resolvedAt);
  return !item.checkedAt && due !== null && due.getTime() < now.getTime();
}
