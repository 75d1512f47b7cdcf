// The runs this process is executing, each with an AbortController: when one is marked
// interrupted (at shutdown, or by a sweep), its executor is told to stop, so a command's process
// group does not outlive the run it belonged to.
const globalForRuns = globalThis as unknown as { sitrepRunControllers?: Map<string, AbortController> };
const controllers = (globalForRuns.sitrepRunControllers ??= new Map());

/** A signal for the run's executor; call the returned `done` when the run has ended. */
export function trackRun(runId: string): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  controllers.set(runId, controller);
  return { signal: controller.signal, done: () => controllers.delete(runId) };
}

/** Stops the run's executor if this process runs it; whether it did. */
export function abortRun(runId: string): boolean {
  const controller = controllers.get(runId);
  controller?.abort();
  return !!controller;
}
