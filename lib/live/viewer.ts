import "server-only";
import { auth } from "@/lib/auth/config";
import { getCurrentUser } from "@/lib/auth/session";
import type { LiveViewer } from "@/lib/live/stream";

/**
 * The signed-in, active user opening a live stream (any role may listen), with the session
 * version the hub re-checks every minute: a deactivation or revocation closes the stream.
 */
export async function getLiveViewer(): Promise<LiveViewer | null> {
  const user = await getCurrentUser();
  if (!user) return null;
  const session = await auth();
  return session ? { userId: user.id, sessionVersion: session.sv } : null;
}
