import { encode } from "next-auth/jwt";
import type { Db } from "../../lib/db/client";
import { createUserByOperator } from "../../lib/auth/accounts";
import { createSession } from "../../lib/auth/sessions";
import type { Role } from "../../lib/auth/roles";

export const PASSWORD = "correct horse battery staple";

export type TestUser = { email: string; userId: string; teamId: string; role: Role; cookie: string; sessionId: string };

/** A member of `team` with `role`, signed in: `cookie` is a real next-auth session cookie. */
export async function signedInUser(db: Db, email: string, team: string, role: Role): Promise<TestUser> {
  const { userId, teamId } = await createUserByOperator(db, { email, password: PASSWORD, team, role });
  const session = await createSession(db, { userId, teamId, ip: "203.0.113.9" });
  const jwt = await encode({ token: { sid: session.id, sub: userId }, secret: process.env.NEXTAUTH_SECRET! });
  return { email, userId, teamId, role, sessionId: session.id, cookie: `next-auth.session-token=${jwt}` };
}

export function apiRequest(path: string, options: { method?: string; cookie?: string; token?: string; body?: unknown } = {}): Request {
  const headers = new Headers({ "x-forwarded-for": "203.0.113.9" });
  if (options.cookie) headers.set("cookie", options.cookie);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.body !== undefined) headers.set("content-type", "application/json");
  return new Request(`http://localhost:3000${path}`, {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

export const params = <P>(value: P) => ({ params: Promise.resolve(value) });
