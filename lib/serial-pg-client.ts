import pg from "pg";

// node-postgres queues a query sent while its connection is busy, with a DeprecationWarning;
// pg 9 refuses it. Prisma does send them: inside an interactive transaction (one connection) a
// query that selects several relations loads them with Promise.all. This client runs its promise
// queries one after the other itself, in the order they were sent, as pg 8's queue did.
export class SerialClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const query = super.query.bind(this) as (...args: unknown[]) => unknown;
    let tail: Promise<unknown> = Promise.resolve();
    (this as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      // Callback and submittable (cursor, stream) forms are not promises to chain: as they were.
      const last = args[args.length - 1];
      if (typeof last === "function" || typeof (args[0] as { submit?: unknown })?.submit === "function") return query(...args);
      const run = () => query(...args) as Promise<unknown>;
      const result = tail.then(run, run);
      tail = result.catch(() => undefined);
      return result;
    };
  }
}
