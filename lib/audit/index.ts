import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { AuthContext } from "@/lib/auth/context";
import type { FeedTable } from "@/lib/tables/server";

export const AUDIT_ACTIONS = [
  "sign-in",
  "sign-in.failed",
  "reauthentication.failed",
  "password.changed",
  "password.change-failed",
  "password.reset-requested",
  "password.reset",
  "password.set-by-operator",
  "sign-out",
  "session.revoked",
  "session.revoked-all",
  "sign-up",
  "team.switched",
  "invitation.created",
  "invitation.revoked",
  "invitation.accepted",
  "member.role-changed",
  "member.removed",
  "member.left",
  "api-token.created",
  "api-token.revoked",
  "target-list.created",
  "target-list.updated",
  "target-list.entries-added",
  "note.created",
  "note.edited",
  "note.deleted",
  "note.restored",
  "note.pinned",
  "note.unpinned",
  "target-list.archived",
  "target-list.restored",
  "target-list.entry-updated",
  "target-list.entries-updated",
  "target-list.entry-moved",
  "contact.created",
  "contact.updated",
  "contact.deleted",
  "view.created",
  "procurement.buyer-matched",
  "procurement.buyer-unmatched",
  "mfa.enabled",
  "mfa.disabled",
  "mfa.disable-failed",
  "sign-in.mfa-failed",
  "team.require-mfa",
  // webhooks (lib/alerts/webhooks.ts)
  "webhook.created",
  "webhook.updated",
  "webhook.deleted",
  "webhook.redelivered",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

type Writer = Pick<PrismaClient, "auditEvent"> | Prisma.TransactionClient;

export type AuditEntry = {
  action: AuditAction;
  teamId: string | null;
  userId: string | null;
  ip?: string | null;
  target?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Writes one audit entry; pass the transaction of the change so both commit or neither does. */
export async function recordAudit(db: Writer, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      action: entry.action,
      teamId: entry.teamId,
      userId: entry.userId,
      ip: entry.ip ?? null,
      target: entry.target ?? null,
      before: entry.before === undefined ? undefined : (entry.before as Prisma.InputJsonValue),
      after: entry.after === undefined ? undefined : (entry.after as Prisma.InputJsonValue),
    },
  });
}

/** The audit entry of a change a member made in their team, from the request's context. */
export async function recordTeamChange(db: Writer, ctx: AuthContext, action: AuditAction, target: string, change: { before?: unknown; after?: unknown } = {}): Promise<void> {
  await recordAudit(db, { action, teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target, ...change });
}

/** The team's audit log, newest first, paginated by id. */
export async function listAuditEvents(db: PrismaClient, teamId: string, options: { before?: bigint; limit?: number } = {}) {
  const limit = Math.min(options.limit ?? 50, 200);
  const rows = await db.auditEvent.findMany({
    where: { teamId, ...(options.before ? { id: { lt: options.before } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
    select: { id: true, action: true, target: true, ip: true, before: true, after: true, createdAt: true, user: { select: { email: true, name: true } } },
  });
  return { events: rows.slice(0, limit), nextBefore: rows.length > limit ? rows[limit - 1]!.id : null };
}

export type AuditEventRecord = Awaited<ReturnType<typeof listAuditEvents>>["events"][number];

/** `before`: the id of the oldest event already shown. */
export const auditQuerySchema = z.object({ before: z.string().regex(/^\d{1,19}$/, "before must be an audit event id").optional() });

/** The team's audit log, newest first, 50 events a page: on /settings/audit and in the API. */
export const auditTable: FeedTable<AuditEventRecord, z.output<typeof auditQuerySchema>, { teamId: string }> = {
  params: auditQuerySchema,
  size: () => 50,
  query: async (db, { teamId }, { before }, limit) => {
    const { events, nextBefore } = await listAuditEvents(db, teamId, { before: before === undefined ? undefined : BigInt(before), limit });
    return { rows: events, nextBefore: nextBefore === null ? null : String(nextBefore) };
  },
};

export function auditEventToJson(e: AuditEventRecord) {
  return { id: String(e.id), action: e.action, target: e.target, ip: e.ip, before: e.before, after: e.after, user: e.user, created_at: e.createdAt.toISOString() };
}
