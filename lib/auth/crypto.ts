import { createHash, randomBytes } from "node:crypto";

/** A random secret for links and API tokens: 256 bits, URL-safe, with a readable prefix. */
export function randomToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

/** Tokens are stored only as their SHA-256: they are long random strings, so no slow hash is needed. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
