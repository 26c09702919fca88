// Where to go after sign-in: a path on this site, or "/". Shared by the sign-in form (client) and
// next-auth's redirect callback (server), so it imports nothing.

const PLACEHOLDER_ORIGIN = "http://atlas.invalid";
// Browsers read `\` as `/` and drop tabs and newlines, so `/\evil.example` and `/<tab>/evil.example` are `//evil.example`
const UNSAFE_IN_PATH = /[\u0000-\u0020\u007f\\]/;

/**
 * A same-origin path (with its query and fragment) or "/". An absolute URL is kept only when its
 * origin is `origin` (next-auth's baseUrl); a path whose raw or percent-decoded form holds a control
 * character, a space or a backslash, or begins with two slashes, is refused outright.
 */
export function safeCallbackPath(value: string | null | undefined, origin?: string): string {
  if (!value) return "/";
  const base = new URL(origin ?? PLACEHOLDER_ORIGIN);
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return "/";
  }
  const isPath = value.startsWith("/");
  const isOwnAbsolute = origin !== undefined && value.startsWith(`${base.origin}/`);
  if ((!isPath && !isOwnAbsolute) || url.origin !== base.origin) return "/";
  const rawPath = value.split(/[?#]/, 1)[0]!;
  const decodedPath = decodeOrNull(url.pathname);
  if (decodedPath === null || UNSAFE_IN_PATH.test(rawPath) || UNSAFE_IN_PATH.test(decodedPath) || decodedPath.startsWith("//")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

function decodeOrNull(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
