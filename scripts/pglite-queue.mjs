// A fix for @electric-sql/pglite-socket 0.2.17, applied by scripts/pglite-server.mjs.
// pglite-socket 0.2.17 queues single protocol messages and keeps one connection exclusive only
// inside BEGIN…COMMIT. PGlite is one session, so two connections' Parse/Bind/Execute/Sync batches
// interleave and clobber each other's unnamed statement ("bind message supplies 3 parameters, but
// prepared statement "" requires 2"; 224 of 1,200 queries from 8 pg clients failed). This replaces
// its processQueue() to also keep a connection exclusive from its first extended-protocol
// message until its Sync, and frees a connection that leaves mid-batch.
export function serializeExtendedQueries(queue, db) {
  const midBatch = new Set();
  const EXTENDED = new Set([..."PBDECH"].map((c) => c.charCodeAt(0)));
  const SYNC = 0x53, TERMINATE = 0x58;
  queue.processQueue = async function processQueue() {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = this.lastHandlerId;
        const exclusive = owner != null && (midBatch.has(owner) || db.isInTransaction());
        const i = exclusive ? this.queue.findIndex((q) => q.handlerId === owner) : 0;
        if (i === -1) break; // the owner's next message restarts the queue
        const [item] = this.queue.splice(i, 1);
        const type = item.message[0];
        if (EXTENDED.has(type)) midBatch.add(item.handlerId);
        else if (type === SYNC || type === TERMINATE) midBatch.delete(item.handlerId);
        let bytes = 0;
        try {
          await db.runExclusive(() => db.execProtocolRawStream(item.message, {
            onRawData: (d) => { bytes += d.length; item.onData(d); },
          }));
        } catch (e) {
          item.reject(e);
          continue;
        }
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
  const clearTransaction = queue.clearTransactionIfNeeded.bind(queue);
  queue.clearTransactionIfNeeded = async (id) => {
    // A Sync ends the half-sent batch (and any "skip until Sync" error state) for the next client.
    if (midBatch.delete(id)) {
      await db.runExclusive(() => db.execProtocolRawStream(new Uint8Array([SYNC, 0, 0, 0, 4]), { onRawData: () => {} }));
    }
    await clearTransaction(id);
    if (queue.lastHandlerId === id && !db.isInTransaction()) queue.lastHandlerId = null;
    await queue.processQueue();
  };
}
