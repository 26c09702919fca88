export const ROLES = ["owner", "admin", "analyst", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2, owner: 3 };

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  analyst: "Analyst",
  viewer: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything, including making other owners",
  admin: "Invites people, changes roles, reads the audit log",
  analyst: "Reads and writes lists, notes and views",
  viewer: "Reads only",
};

/** What each level of access needs: reading team data, writing it, managing the team. */
export const ACCESS = { read: "viewer", write: "analyst", manage: "admin", own: "owner" } as const satisfies Record<string, Role>;
export type Access = keyof typeof ACCESS;

/**
 * Whether a role, or a signed-in context's role, has a level of access: the one check that the guards,
 * the pages and the domain rules all ask ("may this person write?"), so none of them names a role's rank.
 */
export function can(subject: Role | { role: Role }, access: Access): boolean {
  const role = typeof subject === "string" ? subject : subject.role;
  return RANK[role] >= RANK[ACCESS[access]];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
