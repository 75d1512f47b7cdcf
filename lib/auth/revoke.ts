import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { appendAudit } from "@/lib/audit/mutations";

/**
 * The session version a cookie must carry to still work, or null when the user is gone or
 * deactivated. Asked on every session read (Auth.js's jwt callback), so /api/auth/session
 * answers "no session" to a revoked cookie and clears it instead of renewing it.
 */
export async function liveSessionVersion(userId: string): Promise<number | null> {
  const user = await readSessionUser(userId);
  return user?.active ? user.sessionVersion : null;
}

/**
 * The user row a session is checked against, read once per request (keyed on the id string, so
 * React's cache hits): the jwt callback and getCurrentUser both need it, on every request.
 */
export const readSessionUser = cache((id: string) =>
  db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true },
  }),
);

/**
 * Signing out revokes the session: the user's session version moves on, so a copy of the
 * cookie taken before (another tab, a stolen cookie) is refused by every app instance. It also
 * ends that user's sessions on other devices. Only a still-valid session does this, once, and
 * the audit entry is written in the same transaction.
 */
export async function revokeSessions(userId: string, sessionVersion: number): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const bumped = await tx.user.updateMany({
      where: { id: userId, sessionVersion },
      data: { sessionVersion: { increment: 1 } },
    });
    if (bumped.count === 0) return false;
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    await appendAudit(tx, { actor: { id: userId, label: user.email }, verb: "auth.signout", target: { type: "user", id: userId } });
    return true;
  });
}
