import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")).pipe(z.string().max(254));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
});

export const passwordSchema = z
  .string()
  .min(12, "Use at least 12 characters.")
  .max(1024, "Use at most 1024 characters.");

export const roleSchema = z.enum(ROLES, { error: "Choose viewer, responder or admin." });
