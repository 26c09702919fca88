import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/next-request-scope").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("../support/next-request-scope").then((m) => m.nextCache));

import { signOutAction } from "@/lib/auth/actions";
import { authenticateCookies } from "@/lib/auth/context";
import { actAs, deletedCookies } from "../support/next-request-scope";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { signedInUser } from "../support/auth";

describe("signing out", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
  });
  afterAll(() => t.drop());

  it("revokes the session in the database, so a kept copy of the cookie no longer works, and audits it", async () => {
    const ann = await signedInUser(t.db, "ann@a.example", "Team A", "analyst");
    expect(await authenticateCookies(t.db, ann.cookie, null)).not.toBeNull();
    actAs(ann.cookie);
    expect(await signOutAction({})).toEqual({ ok: true, data: undefined });
    expect(deletedCookies).toContain("next-auth.session-token");
    expect(await authenticateCookies(t.db, ann.cookie, null)).toBeNull();
    expect(await t.db.auditEvent.count({ where: { action: "sign-out", userId: ann.userId } })).toBe(1);
  });

  it("refuses without a session", async () => {
    actAs(null);
    expect(await signOutAction({})).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});
