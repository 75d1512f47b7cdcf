// Runs once when the server starts (see lib/startup.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { checkConfigurationOrExit, ensureDefaultTemplates, loadCatalogAndStartPoller, startNotificationDelivery } = await import("@/lib/startup");
  checkConfigurationOrExit();
  await ensureDefaultTemplates();
  await loadCatalogAndStartPoller();
  await startNotificationDelivery();
}
