// Server actions read the caller from next/headers. Outside a Next server there is no request
// scope, so tests that call actions mock next/headers (see the vi.mock at the top of those files)
// to return the headers set here: the cookie of the user they act as. The database and the auth
// logic are real.
let current = new Headers();

export function actAs(cookie: string | null) {
  current = new Headers({ "x-forwarded-for": "203.0.113.9" });
  if (cookie) current.set("cookie", cookie);
}

/** The exact request headers an anonymous visitor's action sees (an invitation link, say). */
export function actWithHeaders(headers: HeadersInit) {
  current = new Headers(headers);
}

export const requestHeaders = () => current;

/** Cookies deleted by the code under test (signing out), newest last. */
export const deletedCookies: string[] = [];

/** Stand-ins for next/headers and next/cache: `vi.mock("next/headers", () => import("../support/next-request-scope").then((m) => m.nextHeaders))`. */
export const nextHeaders = {
  headers: async () => current,
  cookies: async () => ({ get: () => undefined, getAll: () => [], delete: (name: string) => deletedCookies.push(name) }),
};
export const nextCache = { revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {} };
