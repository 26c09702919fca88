// Two controls of docs/security.md that had no test: a browser session's writes through the API
// must come from the app's own pages (the Origin check in withApiAuth), and every response carries
// the security headers of next.config.js.
import path from "node:path";
import type { NextConfig } from "next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as targetLists from "@/app/api/v1/target-lists/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { apiRequest, signedInUser, type TestUser } from "../support/auth";

function withOrigin(request: Request, origin: string): Request {
  const headers = new Headers(request.headers);
  headers.set("origin", origin);
  return new Request(request, { headers });
}

describe("cross-site writes with a session cookie", () => {
  let t: TestDatabase;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    user = await signedInUser(t.db, "origin@a.example", "Team O", "analyst");
  });
  afterAll(() => t.drop());

  const create = (name: string, origin?: string, auth: { cookie?: string; token?: string } = { cookie: user.cookie }) => {
    const request = apiRequest("/api/v1/target-lists", { method: "POST", ...auth, body: { name } });
    return targetLists.POST(origin ? withOrigin(request, origin) : request);
  };

  it("refuses a write from another site's page with 403 and writes nothing", async () => {
    const response = await create("From evil", "https://evil.example");
    expect(response.status).toBe(403);
    expect((await response.json()).error).toMatchObject({ code: "forbidden", message: "Cross-site request refused." });
    expect(await t.db.targetList.count({ where: { name: "From evil" } })).toBe(0);
  });

  it("accepts the same write from the app's own origin, or with no Origin header (SameSite=Lax is the first line)", async () => {
    expect((await create("Same origin", "http://localhost:3000")).status).toBe(201);
    expect((await create("No origin")).status).toBe(201);
  });

  it("does not apply to API tokens, which a browser never sends by itself", async () => {
    const { token } = await createApiToken(t.db, { userId: user.userId, teamId: user.teamId, ip: null }, "sync");
    expect((await create("By token", "https://elsewhere.example", { token })).status).toBe(201);
  });
});

// The config as `next start` reads it (a plain JavaScript module, so typed here)
const { default: nextConfig } = (await import(path.join(process.cwd(), "next.config.js"))) as { default: NextConfig };

describe("security headers on every response", () => {
  const headersFor = async () => {
    const rules = await nextConfig.headers!();
    expect(rules.map((rule) => rule.source)).toEqual(["/:path*"]);
    return Object.fromEntries(rules[0]!.headers.map((header) => [header.key, header.value]));
  };

  it("forbids framing and sniffing, limits the referrer and the browser features, and hides the framework", async () => {
    expect(await headersFor()).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Permissions-Policy": expect.stringContaining("camera=()"),
    });
    expect(nextConfig.poweredByHeader).toBe(false);
  });

  it("sends HSTS only from a production build served over https", async () => {
    const saved = { env: process.env.NODE_ENV, url: process.env.NEXTAUTH_URL };
    const env = process.env as Record<string, string | undefined>;
    try {
      env.NODE_ENV = "production";
      env.NEXTAUTH_URL = "https://atlas.example.org";
      expect((await headersFor())["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
      env.NEXTAUTH_URL = "http://localhost:3000";
      expect((await headersFor())["Strict-Transport-Security"]).toBeUndefined();
    } finally {
      env.NODE_ENV = saved.env;
      if (saved.url === undefined) delete env.NEXTAUTH_URL;
      else env.NEXTAUTH_URL = saved.url;
    }
  });
});
