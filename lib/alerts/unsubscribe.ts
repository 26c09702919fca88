// One-click unsubscribe from alert emails (RFC 8058). The link carries a signed token over (user,
// kind or "all"): HMAC-SHA256 under a key derived from NEXTAUTH_SECRET with HKDF, for this purpose
// only, so it cannot be forged, edited to another user or kind, or replayed as another secret.
// No expiry: an email read a year later must still unsubscribe. A new VERSION voids old links.
// Using it only ever turns email off, so a link that leaks can do no more than that.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { appKey } from "@/lib/auth/secret-box";
import { appUrl } from "@/lib/email/transport";
import { DEFAULT_PREFERENCE, EVENT_KINDS, EVENT_KIND_TEXT, type EventKind } from "./vocabulary";

const VERSION = "u1";
const MAX_TOKEN_LENGTH = 300;

export type UnsubscribeScope = EventKind | "all";
export type UnsubscribeClaim = { userId: string; scope: UnsubscribeScope };

// The app's key for this use alone (lib/auth/secret-box.ts appKey): a key of another use never verifies these
const key = () => appKey(`alerts-unsubscribe ${VERSION}`);

function mac(userId: string, scope: string): Buffer {
  return createHmac("sha256", key()).update(`${VERSION}\n${userId}\n${scope}`).digest();
}

const isScope = (value: string): value is UnsubscribeScope => value === "all" || (EVENT_KINDS as readonly string[]).includes(value);

/** `u1.<base64url(user id)>.<scope>.<base64url(HMAC)>`; kinds contain dots, so the scope is encoded too. */
export function unsubscribeToken(userId: string, scope: UnsubscribeScope): string {
  return [VERSION, Buffer.from(userId).toString("base64url"), Buffer.from(scope).toString("base64url"), mac(userId, scope).toString("base64url")].join(".");
}

/** The claim of a genuine token, or null for anything else (tampered, another version, malformed). */
export function verifyUnsubscribeToken(token: unknown): UnsubscribeClaim | null {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) return null;
  const userId = Buffer.from(parts[1]!, "base64url").toString("utf8");
  const scope = Buffer.from(parts[2]!, "base64url").toString("utf8");
  const given = Buffer.from(parts[3]!, "base64url");
  if (!userId || !isScope(scope)) return null;
  const expected = mac(userId, scope);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId, scope };
}

export function unsubscribeUrl(userId: string, scope: UnsubscribeScope): string {
  return `${appUrl()}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(userId, scope))}`;
}

/** The words for what a token stops: "emails about Contract ending" or "all alert emails". */
export function describeScope(scope: UnsubscribeScope): string {
  return scope === "all" ? "all alert emails" : `emails about “${EVENT_KIND_TEXT[scope].label}”`;
}

export type UnsubscribeView = { email: string; scope: UnsubscribeScope; kinds: EventKind[]; alreadyOff: boolean };

/** What the token would stop, for the page (null: not a valid token, or its user is gone). */
export async function describeUnsubscribe(db: Db, token: unknown): Promise<UnsubscribeView | null> {
  const claim = verifyUnsubscribeToken(token);
  if (!claim) return null;
  const user = await db.user.findUnique({ where: { id: claim.userId }, select: { email: true, notificationPreferences: { select: { kind: true, email: true } } } });
  if (!user) return null;
  const kinds = claim.scope === "all" ? [...EVENT_KINDS] : [claim.scope];
  const saved = new Map(user.notificationPreferences.map((p) => [p.kind, p.email]));
  const alreadyOff = kinds.every((kind) => (saved.get(kind) ?? DEFAULT_PREFERENCE.email) === "off");
  return { email: user.email, scope: claim.scope, kinds, alreadyOff };
}

/**
 * Turns email off for the token's user and kind(s): the preference (in-app kept as it is) and the
 * notifications of those kinds still waiting for a digest or an instant email, so nothing more
 * arrives after the click. Idempotent. Null for an invalid token, which changes nothing.
 */
export async function unsubscribe(db: Db, token: unknown): Promise<UnsubscribeView | null> {
  const claim = verifyUnsubscribeToken(token);
  if (!claim) return null;
  const kinds = claim.scope === "all" ? [...EVENT_KINDS] : [claim.scope];
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: claim.userId }, select: { email: true } });
    if (!user) return null;
    for (const kind of kinds) {
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId: claim.userId, kind } },
        create: { userId: claim.userId, kind, inApp: DEFAULT_PREFERENCE.inApp, email: "off" },
        update: { email: "off" },
      });
    }
    await tx.notification.updateMany({ where: { userId: claim.userId, kind: { in: kinds }, emailedAt: null, email: { not: "off" } }, data: { email: "off" } });
    return { email: user.email, scope: claim.scope, kinds, alreadyOff: true };
  });
}
