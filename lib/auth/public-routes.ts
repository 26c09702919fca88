// The only routes open without signing in. tests/auth/route-coverage.test.ts checks every other
// route file calls an authorisation guard, and that the proxy turns anonymous requests away.
export const PUBLIC_PAGE_PATTERNS = [/^\/sign-in\/?$/, /^\/sign-up\/?$/, /^\/invitations\/[^/]+\/?$/, /^\/forgot-password\/?$/, /^\/reset-password\/?$/, /^\/unsubscribe\/?$/];
export const PUBLIC_API_PATTERNS = [/^\/api\/health\/?$/, /^\/api\/auth(\/.*)?$/];

export function isPublicPath(pathname: string): boolean {
  return [...PUBLIC_PAGE_PATTERNS, ...PUBLIC_API_PATTERNS].some((pattern) => pattern.test(pathname));
}
