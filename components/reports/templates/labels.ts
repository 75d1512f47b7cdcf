import { BUCKETS, type Bucket } from "@/lib/reports/buckets";

/** "Short-term · 1–24 h" */
export const bucketTitle = (b: Bucket) => `${BUCKETS[b].label} · ${BUCKETS[b].range}`;
