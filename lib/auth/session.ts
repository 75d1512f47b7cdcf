import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { auth } from "@/lib/auth/config";
import { readSessionUser } from "@/lib/auth/revoke";
import { hasRole, type RoleName } from "@/lib/auth/roles";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";

// Auth.js's session cookie names (plain and, over HTTPS, __Secure-); proxy.ts has the same list.
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export type CurrentUser = { id: string; email: string; name: string; role: RoleName };

/**
 * The signed-in user, read fresh from the database once per request: a deactivated user's
 * session stops working on their next request, role changes apply at once, and sessions issued
 * before a deactivation or password reset (an older session version) never work again.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await readSessionUser(id);
  if (!user?.active || user.sessionVersion !== session.sv) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/** For pages: sends anonymous visitors to sign in and answers 403 to the wrong role. */
export async function requirePageUser(atLeast: RoleName = "viewer"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) {
    // A cookie that no longer works (signed out elsewhere, deactivated, expired): say so instead
    // of a bare sign-in page. Auth.js answers "no session" for all of them (lib/auth/config.ts).
    const jar = await cookies();
    const hadSession = SESSION_COOKIES.some((name) => jar.has(name));
    redirect(hadSession ? "/login?error=session-ended" : "/login");
  }
  if (!hasRole(user.role, atLeast)) forbidden();
  return user;
}

/** For server actions and route handlers: throws typed errors instead of redirecting. */
export async function requireUser(atLeast: RoleName = "viewer"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthenticatedError();
  if (!hasRole(user.role, atLeast)) {
    throw new ForbiddenError(`This needs the ${atLeast} role; you are signed in as ${user.role}.`);
  }
  return user;
}
