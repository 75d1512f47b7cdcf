// Runs before every page: gives it a fresh Content-Security-Policy nonce (lib/security/csp.ts),
// and sends visitors without a session cookie to sign in, keeping where they were headed. That
// redirect is an optimistic first gate: the real checks (session, active user, role) happen in
// every page, action and route handler; it only saves a round trip and preserves the link.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/security/csp";
import { getEnv } from "@/lib/env";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const PUBLIC_PAGES = /^\/login(\/|$)/;

function signInRedirect(request: NextRequest) {
  const url = request.nextUrl.clone();
  const target = request.nextUrl.pathname + request.nextUrl.search;
  url.pathname = "/login";
  url.search = target === "/" ? "" : `?callbackUrl=${encodeURIComponent(target)}`;
  return NextResponse.redirect(url);
}

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!hasSession && !PUBLIC_PAGES.test(request.nextUrl.pathname)) return signInRedirect(request);

  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, { dev: getEnv().NODE_ENV === "development" });
  // Next reads the nonce for its own scripts from the request's policy; the layout reads x-nonce.
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Every page, the sign-in page included; not the APIs (JSON, no scripts), metrics or static
  // files. Prefetches carry no HTML of their own.
  matcher: [
    {
      source: "/((?!api/|metrics|_next/static|_next/image|favicon\\.ico|.*\\.(?:svg|png|ico|webp|woff2)$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
