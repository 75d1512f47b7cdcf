import { hasRole, type RoleName } from "@/lib/auth/roles";

/** Reads a claim by dot path ("realm_access.roles" for Keycloak, "groups" for Okta). */
export function readClaim(profile: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((v, key) => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), profile);
}

/**
 * The highest role that the claim's values map to, or null when none maps.
 * The claim may be a string, a space- or comma-separated string, or an array of strings.
 */
export function roleFromClaims(profile: Record<string, unknown>, claimPath: string, map: Record<string, RoleName>): RoleName | null {
  const raw = readClaim(profile, claimPath);
  const values = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? raw.split(/[\s,]+/) : [];
  let best: RoleName | null = null;
  for (const v of values) {
    const role = map[v];
    if (role && (!best || hasRole(role, best))) best = role;
  }
  return best;
}
