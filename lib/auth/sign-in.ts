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

export type SignInOptions = {
  /** false: only the account's own limit applies (an approver re-typing the password, already signed in). */
  perAddress?: boolean;
};

/** Minutes until the oldest of the `max` most recent matching failures leaves the window, or 0. */
function minutesLeft(recent: { at: Date }[], max: number, windowMs: number): number {
  if (recent.length < max) return 0;
  const oldest = recent[recent.length - 1].at.getTime();
  return Math.max(1, Math.ceil((oldest + windowMs - Date.now()) / 60_000));
}

type Locks = {
  /** Nothing gets through: the account's own limit, or the address failed on many existing accounts. */
  hard: number;
  /** Only the right password for an existing account gets through (failures from the address, mostly unknown emails). */
  soft: number;
};

/**
 * Only attempts recorded before this one (`id < attemptId`) count: every attempt is recorded
 * first, as a failure, so parallel guesses see each other and cannot all slip under the limit.
 * Per address, failures on existing accounts (credential stuffing that could succeed) lock the
 * address for everyone; failures in general (unknown emails included) let through only a right
 * password, so a spray of made-up emails from a shared address cannot lock its people out.
 */
async function locks(email: string, ip: string, attemptId: bigint, perAddress: boolean): Promise<Locks> {
  const env = getEnv();
  const windowMs = env.SITREP_LOGIN_WINDOW_MINUTES * 60_000;
  const since = new Date(Date.now() - windowMs);
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { email, success: true, at: { gte: since }, id: { lt: attemptId } },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  const perAccount = env.SITREP_LOGIN_MAX_FAILURES;
  const account = await db.loginAttempt.findMany({
    where: { email, success: false, at: { gte: since }, id: { lt: attemptId, gt: lastSuccess?.id ?? 0n } },
    orderBy: { id: "desc" },
    take: perAccount,
    select: { at: true },
  });
  const accountLock = minutesLeft(account, perAccount, windowMs);
  if (accountLock > 0 || !perAddress) return { hard: accountLock, soft: 0 };

  const perIp = env.SITREP_LOGIN_MAX_FAILURES_PER_IP;
  const known = await db.$queryRaw<{ at: Date }[]>`
    SELECT la."at" FROM "LoginAttempt" la JOIN "User" u ON u."email" = la."email"
    WHERE la."ip" = ${ip} AND la."success" = false AND la."at" >= ${since} AND la."id" < ${attemptId}
    ORDER BY la."id" DESC LIMIT ${perIp}`;
  const any = await db.loginAttempt.findMany({
    where: { ip, success: false, at: { gte: since }, id: { lt: attemptId } },
    orderBy: { id: "desc" },
    take: perIp,
    select: { at: true },
  });
  return { hard: minutesLeft(known, perIp, windowMs), soft: minutesLeft(any, perIp, windowMs) };
}

/**
 * Checks an email and password, rate-limited per account and per client address across every
 * app instance. Every attempt is recorded (for the limit) and audited.
 */
export async function signInWithPassword(rawEmail: string, password: string, ip: string, options: SignInOptions = {}): Promise<SignInResult> {
  const email = normalizeEmail(rawEmail);
  const attempt = await db.loginAttempt.create({ data: { email, ip, success: false }, select: { id: true } });
  const lock = await locks(email, ip, attempt.id, options.perAddress ?? true);
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, active: true, sessionVersion: true },
  });

  let result: SignInResult;
  // While hard-locked, no password check at all: the answer is "locked" whatever was typed.
  if (lock.hard > 0) result = { ok: false, reason: "locked", retryAfterMinutes: lock.hard };
  // Verify even for unknown emails, so timing tells nothing about which accounts exist.
  else if (!(await verifyPassword(password, user?.passwordHash)) || !user) {
    // Soft-locked: a wrong password and an unknown email get the same "locked" answer.
    result = lock.soft > 0 ? { ok: false, reason: "locked", retryAfterMinutes: lock.soft } : { ok: false, reason: "invalid" };
  }
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
