import "server-only";
import { getEnv, requireServerEnv } from "@/lib/env";
import { createSealer } from "./seal";

let cached: { material: string; sealer: ReturnType<typeof createSealer> } | undefined;

/** This instance's sealer (every instance derives the same key from the same configuration). */
export function channelSealer() {
  const env = getEnv();
  const material = env.SITREP_SECRETS_KEY ?? requireServerEnv(env).AUTH_SECRET;
  if (cached?.material !== material) cached = { material, sealer: createSealer(material) };
  return cached.sealer;
}
