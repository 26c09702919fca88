import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { clientIp, SESSION_COOKIE_NAMES, readCookie } from "./context";
import { endSession, sessionLimits } from "./sessions";
import { safeCallbackPath } from "./redirect";
import { signInWithPassword } from "./sign-in";
import { signInThrottle, THROTTLED_MESSAGE } from "./throttle";
import { emailSchema } from "./validation";

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}

// next-auth v4 needs the JWT strategy for credentials; the JWT carries only our session id, and
// lib/auth/context.ts checks that session in PostgreSQL on every request.
export const authOptions: NextAuthOptions = {
  // The cookie lives as long as the session can; PostgreSQL decides earlier ends (idle, revoked)
  session: { strategy: "jwt", maxAge: Math.ceil(sessionLimits().maxAgeMs / 1000) },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" }, code: { label: "Code", type: "text" } },
      async authorize(credentials, req) {
        const ip = clientIp((req?.headers ?? {}) as Record<string, string>);
        const userAgent = (req?.headers as Record<string, string> | undefined)?.["user-agent"] ?? null;
        const result = await signInWithPassword(getDb(), { email: credentials?.email, password: credentials?.password, code: credentials?.code, ip, userAgent });
        // The sign-in form reads these to ask for the second factor (next-auth passes the message on as the error)
        if (!result.ok && (result.reason === "mfa-required" || result.reason === "mfa-invalid")) throw new Error(result.reason);
        if (!result.ok) return null;
        return { id: result.user.id, email: result.user.email, name: result.user.name, sessionId: result.sessionId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user && "sessionId" in user) token.sid = user.sessionId as string;
      // Keep the cookie small: no profile picture, nothing but the session id and names
      return { sid: token.sid, sub: token.sub, name: token.name, email: token.email };
    },
    async session({ session }) {
      return session;
    },
    // next-auth's default accepts "/\\evil.example" (baseUrl + it), which a browser reads as another host
    async redirect({ url, baseUrl }) {
      return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.sid) await endSession(getDb(), token.sid);
    },
  },
};

/**
 * Answers 429 before next-auth runs when the email or the IP has had too many failures, so that
 * the client sees the status (next-auth itself would answer 401 or a redirect).
 */
export async function signInThrottleResponse(request: Request): Promise<Response | null> {
  if (request.method !== "POST" || !new URL(request.url).pathname.endsWith("/callback/credentials")) return null;
  let email = "";
  try {
    const form = await request.clone().formData();
    const parsed = emailSchema.safeParse(form.get("email"));
    email = parsed.success ? parsed.data : String(form.get("email") ?? "").toLowerCase();
  } catch {
    return null;
  }
  const state = await signInThrottle(getDb(), email, clientIp(request.headers));
  if (!state.throttled) return null;
  const url = new URL("/sign-in", request.url);
  url.searchParams.set("error", "throttled");
  return Response.json(
    { error: "throttled", message: THROTTLED_MESSAGE, url: url.toString() },
    { status: 429, headers: { "Retry-After": String(state.retryAfterSeconds), "Cache-Control": "no-store" } },
  );
}

export function hasSessionCookie(cookieHeader: string | null): boolean {
  return readCookie(cookieHeader, SESSION_COOKIE_NAMES) !== null;
}
