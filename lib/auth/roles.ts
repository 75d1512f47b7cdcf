export const ROLES = ["viewer", "responder", "admin"] as const;
export type RoleName = (typeof ROLES)[number];

const RANK: Record<RoleName, number> = { viewer: 0, responder: 1, admin: 2 };

/** Roles are ordered: an admin can do everything a responder can, a responder everything a viewer can. */
export function hasRole(role: RoleName, atLeast: RoleName): boolean {
  return RANK[role] >= RANK[atLeast];
}

export const ROLE_LABELS: Record<RoleName, string> = {
  viewer: "Viewer",
  responder: "Responder",
  admin: "Admin",
};

export const ROLE_DESCRIPTIONS: Record<RoleName, string> = {
  viewer: "Reads everything",
  responder: "Works incidents, runs and approves recovery actions",
  admin: "Also manages users, services, runbooks and templates",
};
