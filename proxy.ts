import { NextResponse, type NextRequest } from "next/server";
import { hasSessionCookie } from "@/lib/auth/next-auth";
import { isPublicPath } from "@/lib/auth/public-routes";

/**
 * Runs before every page and API request: a CSP nonce for Next's own scripts, and a first gate
 * that sends anonymous visitors to sign-in (API: 401). The real check, against the session in
 * PostgreSQL, is in each route's guard; this only saves rendering a page for nobody.
 */
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Tailwind's output is a stylesheet; React sets a few style attributes (charts), hence unsafe-inline for styles only
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");

  const { pathname, search } = request.nextUrl;
  const anonymous = !hasSessionCookie(request.headers.get("cookie")) && !request.headers.has("authorization");
  if (anonymous && !isPublicPath(pathname)) {
    if (pathname.startsWith("/api/")) {
      return NextResponse.json(
        { error: { code: "unauthenticated", message: "Sign in, or send an API token as 'Authorization: Bearer <token>'." } },
        { status: 401, headers: { "Content-Security-Policy": csp, "Cache-Control": "no-store" } },
      );
    }
    const signIn = new URL("/sign-in", request.url);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-atlas-path", `${pathname}${search}`);
  // Next reads the nonce from the request's CSP header and puts it on its own script tags
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
