// Lets the outbox wake this process's delivery worker without importing it (the worker pulls in
// the HTTP client and the schedule; the outbox sits inside every incident change).
type Waker = () => void;
const g = globalThis as unknown as { sitrepNotificationWaker?: Waker };

export function setDeliveryWaker(fn: Waker | undefined) {
  g.sitrepNotificationWaker = fn;
}

/** Called after an enqueue; the worker looks shortly after, once the transaction has had time to commit. */
export function nudgeDelivery() {
  g.sitrepNotificationWaker?.();
}
