"use server";
import { revalidatePath } from "next/cache";
import { actorOf, defineAction } from "@/lib/action-client";
import { changeUserRole, createUser, resetUserPassword, setUserActive } from "@/lib/users/mutations";
import { changeRoleSchema, createUserSchema, resetPasswordSchema, setActiveSchema } from "@/lib/users/schemas";


export const createUserAction = defineAction({
  name: "createUser",
  role: "admin",
  input: createUserSchema,
  async handler(input, user) {
    const created = await createUser(actorOf(user), input);
    revalidatePath("/admin/users");
    return { data: { id: created.id }, message: `Created ${created.email} as ${created.role}.` };
  },
});

export const changeUserRoleAction = defineAction({
  name: "changeUserRole",
  role: "admin",
  input: changeRoleSchema,
  async handler({ userId, role }, user) {
    const updated = await changeUserRole(actorOf(user), userId, role);
    revalidatePath("/admin/users");
    return { data: undefined, message: `${updated.email} is now ${updated.role}.` };
  },
});

export const setUserActiveAction = defineAction({
  name: "setUserActive",
  role: "admin",
  input: setActiveSchema,
  async handler({ userId, active }, user) {
    const updated = await setUserActive(actorOf(user), userId, active);
    revalidatePath("/admin/users");
    return { data: undefined, message: `${updated.email} is ${updated.active ? "active again" : "deactivated"}.` };
  },
});

export const resetUserPasswordAction = defineAction({
  name: "resetUserPassword",
  role: "admin",
  input: resetPasswordSchema,
  async handler({ userId, password }, user) {
    await resetUserPassword(actorOf(user), userId, password);
    return { data: undefined, message: "Password changed. Share it with them over a private channel." };
  },
});
