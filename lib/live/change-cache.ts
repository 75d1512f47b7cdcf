import "server-only";
import { db } from "@/lib/db";

// Every change in Sitrep appends an audit entry and moves the chain head in the same
// transaction, so the head's seq is an exact version of everything: a result computed at seq N
// stays right until the seq moves. Busy read-mostly screens (the war room, polled by every big
// monitor and refetched on every change) then cost one tiny query instead of a dozen.

type Entry<T> = { seq: bigint; value: T };
const MAX_KEYS = 200;

export function createChangeCache<T>() {
  const entries = new Map<string, Entry<T>>();
  const inflight = new Map<string, Promise<Entry<T>>>();

  return async function cached(key: string, compute: () => Promise<T>): Promise<T> {
    // Read the version first: a change landing during compute() makes the result newer than
    // its label, never older, and the next call recomputes.
    const head = await db.auditHead.findUnique({ where: { id: 1 }, select: { seq: true } });
    const seq = head?.seq ?? -1n;
    const hit = entries.get(key);
    if (hit && hit.seq === seq) return hit.value;
    const flightKey = `${key}@${seq}`;
    let pending = inflight.get(flightKey);
    if (!pending) {
      // Concurrent misses for the same version share one computation.
      pending = compute()
        .then((value) => {
          if (entries.size >= MAX_KEYS && !entries.has(key)) entries.delete(entries.keys().next().value!);
          entries.set(key, { seq, value });
          return { seq, value };
        })
        .finally(() => inflight.delete(flightKey));
      inflight.set(flightKey, pending);
    }
    return (await pending).value;
  };
}
