import "server-only";
import { db, type Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/mutations";
import { hashPassword } from "@/lib/auth/password";
import type { RoleName } from "@/lib/auth/roles";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { CreateUserInput } from "@/lib/users/schemas";

const publicFields = { id: true, email: true, name: true, role: true, active: true } as const;

async function loadUser(tx: Tx, id: string) {
  const user = await tx.user.findUnique({ where: { id }, select: publicFields });
  if (!user) throw new NotFoundError("That user no longer exists.");
  return user;
}

/**
 * Refuses a change that would leave nobody able to administer Sitrep. Locking the active admins'
 * rows makes two concurrent demotions queue up, so they cannot both see "one other admin left".
 */
export async function assertAnotherActiveAdmin(tx: Tx, exceptId: string) {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "User" WHERE "role" = 'admin' AND "active" ORDER BY "id" FOR UPDATE`;
  if (!admins.some((a) => a.id !== exceptId)) {
    throw new ConflictError("This is the last active admin. Make someone else an admin first.");
  }
}

export async function createUser(actor: Actor, input: CreateUserInput, source = "password") {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const taken = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (taken) throw new ConflictError(`A user with the email ${input.email} already exists.`);
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash, source },
      select: publicFields,
    });
    await appendAudit(tx, { actor, verb: "user.create", target: { type: "user", id: user.id }, after: { ...user, source } });
    return user;
  });
}

export async function changeUserRole(actor: Actor, userId: string, role: RoleName) {
  return db.$transaction(async (tx) => {
    const before = await loadUser(tx, userId);
    if (before.role === role) return before;
    if (before.role === "admin" && before.active) await assertAnotherActiveAdmin(tx, userId);
    const after = await tx.user.update({ where: { id: userId }, data: { role }, select: publicFields });
    await appendAudit(tx, {
      actor, verb: "user.role.change", target: { type: "user", id: userId },
      before: { email: before.email, role: before.role }, after: { email: after.email, role: after.role },
    });
    return after;
  });
}

export async function setUserActive(actor: Actor, userId: string, active: boolean) {
  return db.$transaction(async (tx) => {
    const before = await loadUser(tx, userId);
    if (before.active === active) return before;
    if (!active && actor.id === userId) throw new ConflictError("You cannot deactivate your own account.");
    if (!active && before.role === "admin") await assertAnotherActiveAdmin(tx, userId);
    const after = await tx.user.update({
      where: { id: userId },
      data: { active, ...(active ? {} : { sessionVersion: { increment: 1 } }) },
      select: publicFields,
    });
    await appendAudit(tx, {
      actor, verb: active ? "user.reactivate" : "user.deactivate", target: { type: "user", id: userId },
      before: { email: before.email, active: before.active }, after: { email: after.email, active: after.active },
    });
    return after;
  });
}

export async function resetUserPassword(actor: Actor, userId: string, password: string) {
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const user = await loadUser(tx, userId);
    // A new password ends every existing session of that user.
    await tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    // The password itself never enters the log, only the fact that it changed.
    await appendAudit(tx, { actor, verb: "user.password.reset", target: { type: "user", id: userId }, after: { email: user.email } });
  });
}
