import "server-only";
import { DeliveryWorker } from "./worker";
import { setDeliveryWaker } from "./wake";

const g = globalThis as unknown as { sitrepDeliveryWorker?: DeliveryWorker };

/** Starts this process's delivery worker (every instance runs one; rows are claimed, never shared). */
export function startDeliveryWorker(): DeliveryWorker {
  if (!g.sitrepDeliveryWorker) {
    const worker = new DeliveryWorker();
    g.sitrepDeliveryWorker = worker;
    setDeliveryWaker(() => worker.wake());
    worker.start();
  }
  return g.sitrepDeliveryWorker;
}

/** Stops claiming and waits for the sends in flight (a row cut off later is retried after its lease). */
export async function stopDeliveryWorker() {
  const worker = g.sitrepDeliveryWorker;
  if (!worker) return;
  setDeliveryWaker(undefined);
  g.sitrepDeliveryWorker = undefined;
  await worker.stop();
}
