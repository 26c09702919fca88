// The invitation form's server action, with the request headers a Next server would hand it: the
// socket address (stamped by scripts/peer-address.mjs) and an X-Forwarded-For the attacker writes.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/next-request-scope").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("../support/next-request-scope").then((m) => m.nextCache));

import { acceptInvitationAction } from "@/lib/auth/actions";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/client-ip";
import { authenticateCookies } from "@/lib/auth/context";
import { createInvitation } from "@/lib/auth/invitations";
import { SIGN_IN_MAX_FAILURES } from "@/lib/auth/throttle";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { PASSWORD, signedInUser } from "../support/auth";
import { actWithHeaders } from "../support/next-request-scope";

describe("accepting an invitation through its server action", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
  });
  afterAll(() => t.drop());

  it("answers the 11th wrong password with 'throttled' however the attacker varies X-Forwarded-For, and records the socket address", async () => {
    await signedInUser(t.db, "victim@a.example", "Team A", "analyst");
    const owner = await signedInUser(t.db, "mallory@b.example", "Team B", "owner");
    const mallory = (await authenticateCookies(t.db, owner.cookie, null))!;
    const invitation = await createInvitation(t.db, mallory, { email: "victim@a.example", role: "viewer" });
    for (let attempt = 1; attempt <= SIGN_IN_MAX_FAILURES; attempt++) {
      actWithHeaders({ "x-forwarded-for": `10.9.9.${attempt}`, [PEER_ADDRESS_HEADER]: "203.0.113.77" });
      expect(await acceptInvitationAction({ token: invitation.token, password: `guess ${attempt}` })).toMatchObject({ ok: false, code: "invalid" });
    }
    actWithHeaders({ "x-forwarded-for": "10.9.9.200", [PEER_ADDRESS_HEADER]: "203.0.113.77" });
    expect(await acceptInvitationAction({ token: invitation.token, password: PASSWORD })).toMatchObject({ ok: false, code: "throttled", message: expect.stringMatching(/Too many sign-in attempts/) });
    const failures = await t.db.signInFailure.findMany({ select: { ip: true } });
    expect(new Set(failures.map((f) => f.ip))).toEqual(new Set(["203.0.113.77"]));
  });
});
