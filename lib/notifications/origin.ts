import "server-only";
import { getEnv } from "@/lib/env";

/** Where links in notifications point; configured: whether SITREP_PUBLIC_URL is set (the admin page says so when not). */
export function publicOrigin(): { origin: string; configured: boolean } {
  const env = getEnv();
  if (env.SITREP_PUBLIC_URL) return { origin: env.SITREP_PUBLIC_URL.replace(/\/+$/, ""), configured: true };
  return { origin: `http://localhost:${env.PORT}`, configured: false };
}
