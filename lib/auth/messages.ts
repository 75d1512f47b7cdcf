// Messages for a tired human at 3 a.m.: what happened and what to do next.
export function signInErrorMessage(code: string | null | undefined): string {
  if (!code) return "Sign-in failed. Try again.";
  const locked = /^locked-(\d+)$/.exec(code);
  if (locked) {
    const n = Number(locked[1]);
    return `Too many failed sign-in attempts. Try again in ${n} minute${n === 1 ? "" : "s"}, or ask an admin to reset your password.`;
  }
  switch (code) {
    case "invalid":
    case "credentials":
    case "CredentialsSignin":
      return "Wrong email or password.";
    case "deactivated":
      return "This account is deactivated. Ask a Sitrep admin to reactivate it.";
    case "AccessDenied":
      return "Your single sign-on account is not allowed into Sitrep, or it has been deactivated. Ask a Sitrep admin.";
    case "session-ended":
      return "Your session has ended. Sign in again.";
    default:
      return "Sign-in failed. Try again; if it keeps failing, tell an admin.";
  }
}

/**
 * Only same-site paths: an open redirect after sign-in would be a phishing tool. Browsers drop
 * tabs and newlines and read "\\" as "/", so "/\t/evil.example" is "//evil.example" to them:
 * resolve the path against a dummy origin and insist it stays there.
 */
export function safeCallbackPath(raw: FormDataEntryValue | string | null | undefined): string {
  const value = typeof raw === "string" ? raw : "";
  if (!value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  const base = "http://sitrep.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return "/";
  }
  if (url.origin !== base || url.pathname.startsWith("//")) return "/";
  if (url.pathname.startsWith("/login") || url.pathname.startsWith("/api/auth")) return "/";
  return url.pathname + url.search + url.hash;
}
