"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn, signOut } from "@/lib/auth/config";
import { signInSchema } from "@/lib/auth/schemas";
import { safeCallbackPath, signInErrorMessage } from "@/lib/auth/messages";

export type LoginState = { error?: string; fieldErrors?: Record<string, string[]>; email?: string };

/** Public by nature: this is how a person gets a session. Rate limiting lives in signInWithPassword. */
export async function loginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get("email") ?? "");
  const parsed = signInSchema.safeParse({ email, password: form.get("password") });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const i of parsed.error.issues) (fieldErrors[String(i.path[0])] ??= []).push(i.message);
    return { fieldErrors, email };
  }
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackPath(form.get("callbackUrl")),
    });
    return {};
  } catch (error) {
    // Only sign-in failures are handled here: the redirect after success is thrown too.
    if (error instanceof AuthError) {
      const code = error instanceof CredentialsSignin ? error.code : error.type;
      return { error: signInErrorMessage(code), email };
    }
    throw error;
  }
}

/** Revokes the session (lib/auth/revoke.ts, through Auth.js's signOut event) and clears the cookie. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

/** `reauth=1`: the identity provider must ask again (an approval needs a fresh sign-in). */
export async function oidcSignInAction(form: FormData): Promise<void> {
  const fresh = form.get("reauth") === "1" ? { prompt: "login", max_age: "0" } : undefined;
  await signIn("oidc", { redirectTo: safeCallbackPath(form.get("callbackUrl")) }, fresh);
}
