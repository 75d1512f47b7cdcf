// An optimistic first gate: visitors without a session cookie go to sign-in, keeping where they
// were headed. The real checks (session, active user, role) happen in every page, action and
// route handler; this only saves a round trip and preserves the link.
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  const target = request.nextUrl.pathname + request.nextUrl.search;
  url.pathname = "/login";
  url.search = target === "/" ? "" : `?callbackUrl=${encodeURIComponent(target)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but sign-in, the auth and health APIs, metrics and static files.
  matcher: ["/((?!login|api/|metrics|_next/|favicon\\.ico|.*\\.(?:svg|png|ico|webp|woff2)$).*)"],
};
