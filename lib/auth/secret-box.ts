// Secrets the server must read back (TOTP seeds) are kept encrypted at rest: AES-256-GCM under a
// key derived from NEXTAUTH_SECRET with HKDF, so a copy of the database alone does not reveal them.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "./context";

const VERSION = "v1";

/** A 32-byte key for one use (`info` names it), derived from NEXTAUTH_SECRET with HKDF: a key of one use never works for another. */
export function appKey(info: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret(), "commissioning-atlas", info, 32));
}

const key = (purpose: string) => appKey(`${purpose} ${VERSION}`);

/** `v1.<iv>.<tag>.<ciphertext>` in base64url; `purpose` binds the ciphertext to its use. */
export function sealSecret(plaintext: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(purpose), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The plaintext, or an error if the value was tampered with or sealed under another key. */
export function openSecret(sealed: string, purpose: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error("Not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", key(purpose), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
