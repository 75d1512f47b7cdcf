/**
 * At most `limit` tasks at once; the rest wait their turn in order. `resize` changes the limit
 * for the tasks that start from then on (the poller sizes its lanes to the catalog).
 */
export function createLimiter(limit: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    while (active < limit && queue.length) {
      active++;
      queue.shift()!();
    }
  };
  function run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push(() => task().then(resolve, reject).finally(() => { active--; next(); }));
      next();
    });
  }
  // Accessors, not copied values: Object.assign would freeze `limit` and `active` at creation.
  return Object.defineProperties(run as typeof run & { resize(to: number): void; readonly limit: number; readonly active: number }, {
    resize: {
      value: (to: number) => {
        limit = Math.max(1, to);
        next();
      },
    },
    limit: { get: () => limit },
    active: { get: () => active },
  });
}
