import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/audit/mutations";
import { roleFromClaims } from "@/lib/auth/oidc-roles";
import { assertAnotherActiveAdmin } from "@/lib/users/mutations";
import { ConflictError } from "@/lib/errors";

/**
 * Creates or updates the Sitrep user behind an OIDC sign-in. A role that the identity provider's
 * claim maps to always wins; without one, existing users keep theirs and new users get the
 * default role. Returns the user's id and session version, or null when sign-in must be refused.
 * An unverified email never signs in; it never takes over a password account either, unless the
 * provider says it verified that email (an IdP with self-service email changes would otherwise
 * hand out existing admins' accounts).
 */
export async function syncOidcUser(profile: Record<string, unknown>): Promise<{ id: string; sv: number } | null> {
  const env = getEnv();
  const email = typeof profile.email === "string" ? profile.email.trim().toLowerCase() : "";
  if (!email || profile.email_verified === false) return null;
  const verified = profile.email_verified === true;
  const name =
    [profile.name, profile.preferred_username, email].find((v): v is string => typeof v === "string" && v.length > 0) ?? email;
  const mapped = roleFromClaims(profile, env.AUTH_OIDC_ROLE_CLAIM, env.AUTH_OIDC_ROLE_MAP);

  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, role: true, active: true, sessionVersion: true, source: true } });
    if (existing && !existing.active) return null;
    if (existing && existing.source !== "oidc" && !verified) return null;
    if (!existing) {
      const role = mapped ?? (env.AUTH_OIDC_DEFAULT_ROLE === "none" ? null : env.AUTH_OIDC_DEFAULT_ROLE);
      if (!role) return null;
      const user = await tx.user.create({ data: { email, name, role, source: "oidc", lastLoginAt: new Date() } });
      await appendAudit(tx, {
        actor: SYSTEM_ACTOR,
        verb: "user.create",
        target: { type: "user", id: user.id },
        after: { email, name, role, source: "oidc" },
      });
      return { id: user.id, sv: user.sessionVersion };
    }
    // The provider may change the role, but never demote the last admin: Sitrep would be left
    // with nobody to manage it.
    const demotesLastAdmin =
      mapped && existing.role === "admin" && mapped !== "admin" &&
      (await assertAnotherActiveAdmin(tx, existing.id).then(() => false, (e) => {
        if (e instanceof ConflictError) return true;
        throw e;
      }));
    if (mapped && mapped !== existing.role && !demotesLastAdmin) {
      await tx.user.update({ where: { id: existing.id }, data: { role: mapped } });
      await appendAudit(tx, {
        actor: SYSTEM_ACTOR,
        verb: "user.role.change",
        target: { type: "user", id: existing.id },
        before: { role: existing.role },
        after: { role: mapped, reason: `OIDC claim ${env.AUTH_OIDC_ROLE_CLAIM}` },
      });
    }
    await tx.user.update({ where: { id: existing.id }, data: { lastLoginAt: new Date() } });
    await appendAudit(tx, {
      actor: { id: existing.id, label: email },
      verb: "auth.signin",
      target: { type: "user", id: existing.id },
      after: { method: "oidc" },
    });
    return { id: existing.id, sv: existing.sessionVersion };
  });
}
