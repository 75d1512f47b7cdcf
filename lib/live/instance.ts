import "server-only";
import { DEFAULT_HUB_OPTIONS, LiveHub } from "@/lib/live/hub";
import { getActiveSessionVersions, getLatestAuditSeq, listAuditChangesAfter } from "@/lib/live/queries";

// One hub per process: route bundles may evaluate this module more than once, globalThis does not.
const globalForLive = globalThis as unknown as { sitrepLiveHub?: LiveHub };

export function getLiveHub(): LiveHub {
  globalForLive.sitrepLiveHub ??= new LiveHub(
    { latestSeq: getLatestAuditSeq, changesAfter: listAuditChangesAfter, activeSessions: getActiveSessionVersions },
    DEFAULT_HUB_OPTIONS,
  );
  return globalForLive.sitrepLiveHub;
}
