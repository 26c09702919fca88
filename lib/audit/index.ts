import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export const AUDIT_ACTIONS = [
  "sign-in",
  "sign-in.failed",
  "sign-out",
  "sign-up",
  "team.switched",
  "invitation.created",
  "invitation.revoked",
  "invitation.accepted",
  "member.role-changed",
  "member.removed",
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
  "contact.created",
  "contact.updated",
  "contact.deleted",
  "view.created",
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
