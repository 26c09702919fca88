import { describe, expect, it } from "vitest";
import { ACCESS, can, ROLES, type Access, type Role } from "@/lib/auth/roles";

// The whole table, written out: a change to a role's reach has to change this test too
const ALLOWED: Record<Role, Access[]> = {
  viewer: ["read"],
  analyst: ["read", "write"],
  admin: ["read", "write", "manage"],
  owner: ["read", "write", "manage", "own"],
};

describe("can: what each role may do, by level of access", () => {
  const levels = Object.keys(ACCESS) as Access[];
  it.each(ROLES.flatMap((role) => levels.map((access) => [role, access] as const)))("%s, %s access", (role, access) => {
    const expected = ALLOWED[role].includes(access);
    expect(can(role, access)).toBe(expected);
    expect(can({ role }, access), "asked with a context, as the pages and guards do").toBe(expected);
  });

  it("checks every role against every level", () => {
    expect(Object.keys(ALLOWED).sort()).toEqual([...ROLES].sort());
    expect(levels).toEqual(["read", "write", "manage", "own"]);
  });
});
