import { z } from "zod";
import { emailSchema, passwordSchema, roleSchema } from "@/lib/auth/schemas";

export const createUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters."),
  role: roleSchema,
  password: passwordSchema,
});

const userId = z.string().trim().min(1, "Missing user.").max(64);

export const changeRoleSchema = z.object({ userId, role: roleSchema });
export const setActiveSchema = z.object({
  userId,
  active: z.enum(["true", "false"], { error: "Choose activate or deactivate." }).transform((v) => v === "true"),
});
export const resetPasswordSchema = z.object({ userId, password: passwordSchema });

export type CreateUserInput = z.infer<typeof createUserSchema>;
