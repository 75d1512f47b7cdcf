import type { NextRequest } from "next/server";

/**
 * Next gives route handlers a URL built from the address the server binds to (0.0.0.0), and
 * Auth.js derives its callback URLs from it: an OIDC redirect_uri would then point nowhere.
 * The public origin is the one the browser used, from the forwarding headers that
 * scripts/server.mjs stamps (or a trusted proxy sets). A plain Request carries it, because
 * NextRequest rewrites 127.0.0.1 to "localhost", which would no longer match the redirect_uri
 * that sign-in sent. AUTH_URL, when set, wins inside next-auth itself.
 */
export function withPublicOrigin(handler: (req: NextRequest) => Promise<Response>) {
  return (req: NextRequest) => {
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
    if (!host) return handler(req);
    const url = new URL(req.url);
    const proto = req.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
    const publicUrl = new URL(url.pathname + url.search, `${proto}://${host}`);
    const init: RequestInit & { duplex: "half" } = {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: req.signal,
      duplex: "half",
    };
    return handler(new Request(publicUrl, init) as NextRequest);
  };
}
