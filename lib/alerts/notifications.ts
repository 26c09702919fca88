// The inbox: a user's notifications in the active team, newest first, and marking them read. Every
// query carries both the user and the team, so a notification of another user, or of a team the
// user has left, is never listed or marked.
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { AuthContext } from "@/lib/auth/context";
import type { FeedTable } from "@/lib/tables/server";
import { limitParam } from "@/lib/tables/server";
import type { EventKind } from "./vocabulary";

const notificationId = z.string().regex(/^\d{1,19}$/, "A notification id is a number");

export const notificationsFeedSchema = z.object({
  unread: z
    .enum(["1", "true", "0", "false"], { message: "unread must be 1 or 0" })
    .optional()
    .transform((v) => v === "1" || v === "true")
    .describe("1: only the unread ones"),
  limit: limitParam({ default: 25, limit: { min: 1, max: 100 } }),
  before: notificationId.optional().describe("next_before of the previous page"),
});
export type NotificationsFeedParams = z.output<typeof notificationsFeedSchema>;

export const markReadSchema = z.union([
  z.object({ ids: z.array(notificationId).min(1, "Name at least one notification").max(500, "At most 500 at once").describe("Notification ids; ids that are not yours in this team are ignored") }).strict(),
  z.object({ all: z.literal(true).describe("Every unread notification of yours in this team") }).strict(),
]);
export type MarkReadInput = z.output<typeof markReadSchema>;

const notificationSelect = {
  id: true,
  kind: true,
  readAt: true,
  createdAt: true,
  event: { select: { title: true, summary: true, link: true, source: true, sourceUrl: true, organisationCode: true, occurredAt: true } },
} as const satisfies Prisma.NotificationSelect;

export type NotificationRecord = Prisma.NotificationGetPayload<{ select: typeof notificationSelect }> & { organisation: { code: string; name: string } | null };

const mine = (ctx: AuthContext) => ({ userId: ctx.user.id, teamId: ctx.team.id });

/** The caller's notifications in the active team, newest first (by id: the order they were created). */
export const notificationsTable: FeedTable<NotificationRecord, NotificationsFeedParams, AuthContext> = {
  params: notificationsFeedSchema,
  size: (params) => params.limit,
  query: async (db, ctx, params, limit) => {
    const found = await db.notification.findMany({
      where: { ...mine(ctx), ...(params.unread ? { readAt: null } : {}), ...(params.before ? { id: { lt: BigInt(params.before) } } : {}) },
      orderBy: { id: "desc" },
      take: limit + 1,
      select: notificationSelect,
    });
    const page = found.slice(0, limit);
    const codes = [...new Set(page.map((n) => n.event.organisationCode).filter((c): c is string => c !== null))];
    const names = new Map(codes.length ? (await db.organisation.findMany({ where: { code: { in: codes } }, select: { code: true, name: true } })).map((o) => [o.code, o.name]) : []);
    const rows = page.map((n) => {
      const code = n.event.organisationCode;
      return { ...n, organisation: code ? { code, name: names.get(code) ?? code } : null };
    });
    return { rows, nextBefore: found.length > limit ? String(page[page.length - 1]!.id) : null };
  },
};

/** The header's count: one count on the notification_unread partial index. */
export function unreadCount(db: PrismaClient, ctx: AuthContext): Promise<number> {
  return db.notification.count({ where: { ...mine(ctx), readAt: null } });
}

/** Marks the caller's own notifications read; ids of anyone else's (or another team's) are ignored, not an error. */
export async function markRead(db: PrismaClient, ctx: AuthContext, input: MarkReadInput): Promise<{ marked: number; unread: number }> {
  const { count } = await db.notification.updateMany({
    where: { ...mine(ctx), readAt: null, ...("ids" in input ? { id: { in: input.ids.map((id) => BigInt(id)) } } : {}) },
    data: { readAt: new Date() },
  });
  return { marked: count, unread: await unreadCount(db, ctx) };
}

export function notificationToJson(n: NotificationRecord) {
  return {
    id: String(n.id),
    kind: n.kind as EventKind,
    title: n.event.title,
    summary: n.event.summary,
    link: n.event.link,
    organisation: n.organisation,
    source: n.event.source,
    source_url: n.event.sourceUrl,
    occurred_at: n.event.occurredAt.toISOString(),
    created_at: n.createdAt.toISOString(),
    read_at: n.readAt?.toISOString() ?? null,
  };
}
