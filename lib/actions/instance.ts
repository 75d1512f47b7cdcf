import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

// Which Sitrep process runs an action: "<host>:<pid>:<boot>". The boot part is new on every
// start, so a restarted process (same host, and in a container often the same pid) never takes
// its predecessor's runs for its own. lib/live has no instance id, so actions keep this one.
const globalForInstance = globalThis as unknown as { sitrepInstanceId?: string };

export function getInstanceId(): string {
  globalForInstance.sitrepInstanceId ??= `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  return globalForInstance.sitrepInstanceId;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether the process that recorded `instanceId` is certainly gone, as far as this host can tell:
 * it ran here, and its pid is now ours (a restart) or no longer exists. Another host's process
 * cannot be checked from here; the run deadline covers those (see markInterruptedRunsAtStartup).
 */
export function isGoneInstance(instanceId: string, self = getInstanceId()): boolean {
  if (instanceId === self) return false;
  const [host, pid] = instanceId.split(":");
  const [myHost, myPid] = self.split(":");
  if (host !== myHost) return false;
  return pid === myPid || !pidAlive(Number(pid));
}
