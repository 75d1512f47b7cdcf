// The client's address for rate limiting. scripts/server.mjs sets x-sitrep-remote-addr from the
// socket (overwriting anything the client sent); x-forwarded-for counts only behind a trusted proxy.
import { getEnv } from "@/lib/env";

export function clientIp(headers: Headers): string {
  if (getEnv().SITREP_TRUST_PROXY) {
    const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return headers.get("x-sitrep-remote-addr") ?? headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "unknown";
}
