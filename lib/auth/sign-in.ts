import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { appendAudit } from "@/lib/audit/mutations";
import { verifyPassword } from "@/lib/auth/password";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sv: number } }
  | { ok: false; reason: "invalid" | "deactivated" }
  | { ok: false; reason: "locked"; retryAfterMinutes: number };

const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * Minutes until the oldest failure that counts falls out of the window, or 0 when not locked.
 * Only attempts recorded before this one (`id < attemptId`) count: every attempt is recorded
 * first, as a failure, so parallel guesses see each other and cannot all slip under the limit.
 */
async function lockedForMinutes(email: string, ip: string, attemptId: bigint): Promise<number> {
  const env = getEnv();
  const windowMs = env.SITREP_LOGIN_WINDOW_MINUTES * 60_000;
  const since = new Date(Date.now() - windowMs);
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { email, success: true, at: { gte: since }, id: { lt: attemptId } },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  const checks = [
    { where: { email, success: false, at: { gte: since }, id: { lt: attemptId, gt: lastSuccess?.id ?? 0n } }, max: env.SITREP_LOGIN_MAX_FAILURES },
    { where: { ip, success: false, at: { gte: since }, id: { lt: attemptId } }, max: env.SITREP_LOGIN_MAX_FAILURES_PER_IP },
  ];
  for (const { where, max } of checks) {
    const recent = await db.loginAttempt.findMany({ where, orderBy: { id: "desc" }, take: max, select: { at: true } });
    if (recent.length >= max) {
      const oldest = recent[recent.length - 1].at.getTime();
      return Math.max(1, Math.ceil((oldest + windowMs - Date.now()) / 60_000));
    }
  }
  return 0;
}

/**
 * Checks an email and password, rate-limited per account and per client address across every
 * app instance. Every attempt is recorded (for the limit) and audited.
 */
export async function signInWithPassword(rawEmail: string, password: string, ip: string): Promise<SignInResult> {
  const email = normalizeEmail(rawEmail);
  const attempt = await db.loginAttempt.create({ data: { email, ip, success: false }, select: { id: true } });
  const lockedMinutes = await lockedForMinutes(email, ip, attempt.id);
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, active: true, sessionVersion: true },
  });

  let result: SignInResult;
  // While locked, no password check at all: the answer is "locked" whatever was typed.
  if (lockedMinutes > 0) result = { ok: false, reason: "locked", retryAfterMinutes: lockedMinutes };
  // Verify even for unknown emails, so timing tells nothing about which accounts exist.
  else if (!(await verifyPassword(password, user?.passwordHash)) || !user) result = { ok: false, reason: "invalid" };
  else if (!user.active) result = { ok: false, reason: "deactivated" };
  else result = { ok: true, user: { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion } };

  await db.$transaction(async (tx) => {
    if (result.ok) {
      await tx.loginAttempt.update({ where: { id: attempt.id }, data: { success: true } });
      await tx.user.update({ where: { id: result.user.id }, data: { lastLoginAt: new Date() } });
    }
    await appendAudit(tx, {
      actor: { id: user?.id ?? null, label: email },
      verb: result.ok ? "auth.signin" : "auth.signin.refused",
      target: { type: "user", id: user?.id ?? null },
      after: { method: "password", ip, ...(result.ok ? {} : { reason: result.reason }) },
    });
  });
  return result;
}
