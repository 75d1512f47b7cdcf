// The Content-Security-Policy of every page. Scripts run only with this response's nonce (Next
// puts it on its own scripts when it finds the policy on the request, proxy.ts); scripts they
// load are trusted through 'strict-dynamic'. Styles stay 'unsafe-inline': React, Recharts and
// sonner set style attributes, which a nonce cannot cover, and CSS cannot run code.

/** A fresh, unguessable nonce: 16 random bytes, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, { dev = false } = {}): string {
  const directives = [
    "default-src 'self'",
    // Development's React refresh evaluates code; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}
