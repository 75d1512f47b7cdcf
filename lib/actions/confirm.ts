import "server-only";
import { headers } from "next/headers";
import { db } from "@/lib/db";
import { auth } from "@/lib/auth/config";
import { clientIp } from "@/lib/auth/client-ip";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { ValidationError } from "@/lib/errors";

// An approver proves it is really them, now: their password (checked like a sign-in, so it is
// rate-limited and audited the same way), or, for single sign-on accounts, a sign-in through the
// identity provider within the last few minutes.

export const SSO_FRESH_MS = 5 * 60_000;

export async function confirmIdentity(user: { id: string; email: string }, password: string | undefined): Promise<"password" | "sso"> {
  const row = await db.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  if (row?.passwordHash) {
    if (!password) throw new ValidationError("Type your password to confirm the approval.", { password: ["Type your password to confirm."] });
    const checked = await signInWithPassword(user.email, password, clientIp(await headers()), { perAddress: false });
    if (checked.ok && checked.user.id === user.id) return "password";
    const message = !checked.ok && checked.reason === "locked"
      ? `Too many wrong passwords; try again in ${checked.retryAfterMinutes} minute(s).`
      : "That password is not right.";
    throw new ValidationError(message, { password: [message] });
  }
  const session = await auth();
  if (session?.authAt && Date.now() - session.authAt < SSO_FRESH_MS) return "sso";
  const message = "Confirm it is you: sign in again with single sign-on, then approve (within 5 minutes).";
  throw new ValidationError(message, { reauth: [message] });
}
