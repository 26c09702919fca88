// Following: what a user (or the team's shared watchlist, userId null) follows. Every query carries
// the team in its where clause, so another team's view, list or follow is simply not found (404).
// The watchlist is the team's: adding to it or removing from it needs the "manage" level.
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { AuthContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/roles";
import { idSchema } from "@/lib/auth/validation";
import { AppError, notFound } from "@/lib/errors";
import { organisationCodeSchema } from "@/lib/organisations/read";
import type { FollowTarget } from "./vocabulary";
import { getView } from "@/lib/views";
import { getTargetList } from "@/lib/target-lists";

export const FOLLOW_SCOPES = ["me", "team"] as const;
export type FollowScope = (typeof FOLLOW_SCOPES)[number];

const scope = z.enum(FOLLOW_SCOPES).default("me").describe("me (the default): for you; team: the team's watchlist, which every member receives (admins and owners)");

export const followOrganisationSchema = z
  .object({
    target: z.literal("organisation"),
    code: organisationCodeSchema.describe("The body's code, e.g. QHL; a closed body's code too"),
    descendants: z.boolean().default(false).describe("Everything below it too (an ICB with its trusts, PCNs and practices); only for a body with bodies below it"),
    scope,
  })
  .strict();
export const followViewSchema = z.object({ target: z.literal("view"), id: idSchema.describe("A saved view of your team"), scope }).strict();
export const followListSchema = z.object({ target: z.literal("list"), id: idSchema.describe("A target list of your team"), scope }).strict();

/** What to follow: exactly one of the three shapes (a field another shape names is refused too). */
// A flat z.union, not discriminatedUnion (oneOf) nor a union of unions: the guard reads the accepted
// field names from the top-level anyOf of its JSON Schema
export const followSchema = z.union([followOrganisationSchema, followViewSchema, followListSchema]);
export type FollowInput = z.output<typeof followSchema>;

/** Unfollow by the follow's id, or by the same shape as following (descendants is ignored). */
export const unfollowSchema = z.union([z.object({ id: idSchema.describe("A follow's id (GET /api/v1/follows)") }).strict(), followOrganisationSchema, followViewSchema, followListSchema]);
export type UnfollowInput = z.output<typeof unfollowSchema>;

const followSelect = {
  id: true,
  userId: true,
  target: true,
  descendants: true,
  createdAt: true,
  organisation: { select: { id: true, code: true, name: true, kind: true, status: true, _count: { select: { children: true } } } },
  view: { select: { id: true, name: true, page: true, query: true } },
  list: { select: { id: true, name: true, archivedAt: true } },
} as const satisfies Prisma.FollowSelect;

export type FollowRecord = Prisma.FollowGetPayload<{ select: typeof followSelect }>;

function requireScope(ctx: AuthContext, followScope: FollowScope) {
  if (followScope === "team" && !can(ctx, "manage")) throw new AppError("forbidden", "Only admins and owners change the team's watchlist.");
}

const ownerOf = (ctx: AuthContext, followScope: FollowScope) => (followScope === "team" ? null : ctx.user.id);

/** The follow's target columns for an input, checked against the team: an unknown code or another team's id is a 404. */
async function resolveTarget(db: PrismaClient, ctx: AuthContext, input: FollowInput): Promise<{ target: FollowTarget; organisationId?: number; viewId?: string; listId?: string; descendants: boolean }> {
  if (input.target === "organisation") {
    const organisation = await db.organisation.findUnique({ where: { code: input.code }, select: { id: true, _count: { select: { children: true } } } });
    if (!organisation) throw notFound(`The organisation ${input.code}`);
    if (input.descendants && organisation._count.children === 0) {
      throw new AppError("invalid", `${input.code} has no bodies below it: follow it without descendants.`, { descendants: ["This body has no bodies below it"] });
    }
    return { target: "organisation", organisationId: organisation.id, descendants: input.descendants };
  }
  if (input.target === "view") {
    // The views' and lists' own team-scoped lookups: another team's id is their 404
    const view = await getView(db, ctx, input.id);
    return { target: "view", viewId: view.id, descendants: false };
  }
  const list = await getTargetList(db, ctx, input.id);
  return { target: "list", listId: list.id, descendants: false };
}

function sameTarget(ctx: AuthContext, followScope: FollowScope, t: Awaited<ReturnType<typeof resolveTarget>>): Prisma.FollowWhereInput {
  return { teamId: ctx.team.id, userId: ownerOf(ctx, followScope), target: t.target, organisationId: t.organisationId ?? null, viewId: t.viewId ?? null, listId: t.listId ?? null };
}

/**
 * Follows a body, view or list, for the caller or (scope team) the team. Following again is not an
 * error: it answers the existing follow (`created: false`), with `descendants` updated if it changed.
 */
export async function follow(db: PrismaClient, ctx: AuthContext, input: FollowInput): Promise<{ follow: FollowRecord; created: boolean }> {
  requireScope(ctx, input.scope);
  const target = await resolveTarget(db, ctx, input);
  const where = sameTarget(ctx, input.scope, target);
  const existing = await db.follow.findFirst({ where, select: followSelect });
  if (existing) return { follow: await keepDescendants(db, existing, target.descendants), created: false };
  try {
    const created = await db.follow.create({
      data: { teamId: ctx.team.id, userId: ownerOf(ctx, input.scope), target: target.target, organisationId: target.organisationId, viewId: target.viewId, listId: target.listId, descendants: target.descendants, createdById: ctx.user.id },
      select: followSelect,
    });
    return { follow: created, created: true };
  } catch (error) {
    // Two clicks at once: the follow_once unique index let one in; answer that one
    const raced = await db.follow.findFirst({ where, select: followSelect });
    if (!raced) throw error;
    return { follow: await keepDescendants(db, raced, target.descendants), created: false };
  }
}

async function keepDescendants(db: PrismaClient, existing: FollowRecord, descendants: boolean): Promise<FollowRecord> {
  if (existing.target !== "organisation" || existing.descendants === descendants) return existing;
  return db.follow.update({ where: { id: existing.id }, data: { descendants }, select: followSelect });
}

/** Stops a follow, by id or by target. The caller's own, or the team's watchlist (manage level); anything else is a 404. */
export async function unfollow(db: PrismaClient, ctx: AuthContext, input: UnfollowInput): Promise<FollowRecord> {
  let found: FollowRecord | null;
  if ("target" in input) {
    requireScope(ctx, input.scope);
    found = await db.follow.findFirst({ where: sameTarget(ctx, input.scope, await resolveTarget(db, ctx, { ...input, ...(input.target === "organisation" ? { descendants: false } : {}) } as FollowInput)), select: followSelect });
  } else {
    found = await db.follow.findFirst({ where: { id: input.id, teamId: ctx.team.id, OR: [{ userId: ctx.user.id }, { userId: null }] }, select: followSelect });
    if (found && found.userId === null) requireScope(ctx, "team");
  }
  if (!found) throw notFound("That follow");
  await db.follow.delete({ where: { id: found.id } });
  return found;
}

/** Everything the caller follows in the active team, and the team's watchlist. */
export async function listFollows(db: PrismaClient, ctx: AuthContext): Promise<FollowRecord[]> {
  return db.follow.findMany({ where: { teamId: ctx.team.id, OR: [{ userId: ctx.user.id }, { userId: null }] }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: followSelect });
}

/** The caller's and the team's follows of one target, for a Follow button's state. */
export async function followsOf(db: PrismaClient, ctx: AuthContext, target: { organisationId: number } | { viewId: string } | { listId: string }) {
  const rows = await db.follow.findMany({ where: { teamId: ctx.team.id, OR: [{ userId: ctx.user.id }, { userId: null }], ...target }, select: { id: true, userId: true, descendants: true } });
  const mine = rows.find((r) => r.userId !== null) ?? null;
  const team = rows.find((r) => r.userId === null) ?? null;
  return { me: mine && { id: mine.id, descendants: mine.descendants }, team: team && { id: team.id, descendants: team.descendants } };
}
export type FollowState = Awaited<ReturnType<typeof followsOf>>;

export const followScopeOf = (f: Pick<FollowRecord, "userId">): FollowScope => (f.userId === null ? "team" : "me");

/** Where a followed thing is in the app. */
export function followLink(f: FollowRecord): string {
  if (f.organisation) return `/organisations/${encodeURIComponent(f.organisation.code)}`;
  if (f.list) return `/lists/${f.list.id}`;
  if (f.view) {
    const params = new URLSearchParams(f.view.query);
    params.set("view", f.view.name);
    return `${f.view.page === "contracts" ? "/contracts" : "/explorer"}?${params}`;
  }
  return "/following";
}

export function followToJson(f: FollowRecord) {
  return {
    id: f.id,
    scope: followScopeOf(f),
    target: f.target as FollowTarget,
    descendants: f.descendants,
    organisation: f.organisation ? { code: f.organisation.code, name: f.organisation.name, kind: f.organisation.kind, status: f.organisation.status } : null,
    view: f.view ? { id: f.view.id, name: f.view.name, page: f.view.page } : null,
    list: f.list ? { id: f.list.id, name: f.list.name, archived: f.list.archivedAt !== null } : null,
    created_at: f.createdAt.toISOString(),
  };
}

/** followsOf for many saved views at once (the saved views menu): one query. */
export async function viewFollowStates(db: PrismaClient, ctx: AuthContext, viewIds: string[]): Promise<Record<string, FollowState>> {
  const rows = viewIds.length ? await db.follow.findMany({ where: { teamId: ctx.team.id, OR: [{ userId: ctx.user.id }, { userId: null }], viewId: { in: viewIds } }, select: { id: true, userId: true, viewId: true } }) : [];
  return Object.fromEntries(
    viewIds.map((viewId) => {
      const mine = rows.find((r) => r.viewId === viewId && r.userId !== null);
      const team = rows.find((r) => r.viewId === viewId && r.userId === null);
      return [viewId, { me: mine ? { id: mine.id, descendants: false } : null, team: team ? { id: team.id, descendants: false } : null }];
    }),
  );
}
