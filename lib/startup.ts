import { ConfigError, getEnv, requireServerEnv } from "@/lib/env";

/** A bad configuration stops Sitrep at start, naming the variable, instead of failing on the first request. */
export function checkConfigurationOrExit() {
  try {
    requireServerEnv(getEnv());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n${error.message}\n\nSee "Configuration" in README.md.\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Loads the service catalog file (SITREP_CATALOG) and starts the poller. A catalog with any
 * problem stops Sitrep, listing every problem: it never runs half-loaded.
 */
export async function loadCatalogAndStartPoller() {
  const { catalogFile, readCatalogFile, storeCatalog } = await import("@/lib/services/catalog-store");
  const { formatProblem } = await import("@/lib/services/catalog");
  const { SYSTEM_ACTOR } = await import("@/lib/audit/mutations");
  const file = catalogFile();
  if (file) {
    const loaded = await readCatalogFile(file);
    if (!loaded.ok) {
      console.error(`\nThe service catalog ${loaded.file} is invalid; Sitrep did not start:\n${loaded.problems.map((p) => `  ${formatProblem(p)}`).join("\n")}\n\nFix the file (see "Service catalog" in README.md) and start again.\n`);
      process.exit(1);
    }
    const outcome = await storeCatalog(SYSTEM_ACTOR, loaded, "catalog.load");
    console.info(`[catalog] ${loaded.file}: ${outcome.serviceCount} service(s), version ${outcome.versionId}${outcome.changed ? " (new)" : ""}`);
  }
  // Runs cut off by this instance's last stop (or a lost instance) end as interrupted, never "running".
  const interrupted = await (await import("@/lib/actions/runs")).markInterruptedRunsAtStartup();
  if (interrupted) console.info(`[actions] ${interrupted} run(s) cut off by a restart marked interrupted`);
  registerShutdownHook(async () => {
    const n = await (await import("@/lib/actions/runs")).markInterruptedRuns((await import("@/lib/actions/instance")).getInstanceId());
    if (n) console.info(`[actions] ${n} run(s) still running at shutdown marked interrupted`);
    // Their commands' process groups too (also those whose run could not be marked)
    (await import("@/lib/actions/command-executor")).stopAllCommands("Sitrep is shutting down");
  });
  const { startPoller } = await import("@/lib/health/runtime");
  startPoller();
}

/** Starts delivering notifications from the outbox (in every instance), and stops it at shutdown. */
export async function startNotificationDelivery() {
  const { startDeliveryWorker, stopDeliveryWorker } = await import("@/lib/notifications/runtime");
  startDeliveryWorker();
  registerShutdownHook(stopDeliveryWorker);
}

/** The default report and checklist templates (lib/reports/defaults.ts) that are missing. */
export async function ensureDefaultTemplates() {
  const { ensureDefaultTemplates: ensure } = await import("@/lib/reports/ensure-defaults");
  const { created } = await ensure();
  if (created.length) console.info(`[reports] added default templates: ${created.join(", ")}`);
}

/** scripts/server.mjs awaits these (within its 5 s grace) after the last request, before exiting. */
function registerShutdownHook(hook: () => Promise<void>) {
  const g = globalThis as unknown as { sitrepShutdownHooks?: (() => Promise<void>)[] };
  (g.sitrepShutdownHooks ??= []).push(hook);
}
