// The client's address for rate limiting. scripts/server.mjs sets x-sitrep-remote-addr from the
// socket, overwriting anything the client sent. X-Forwarded-For is a client-controlled header:
// it counts only when SITREP_TRUST_PROXY says a proxy we control sets it.
import { getEnv } from "@/lib/env";

export function clientIp(headers: Headers): string {
  if (getEnv().SITREP_TRUST_PROXY) {
    // The rightmost entry is the one our proxy appended; entries to its left are whatever the
    // client claimed, and would let it pick its own rate-limit bucket.
    const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return headers.get("x-sitrep-remote-addr") ?? "unknown";
}
