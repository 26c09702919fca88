// Saved views of the explorer and the contracts page, shared within a team.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import type { AuthContext } from "@/lib/auth/context";
import { AppError, notFound } from "@/lib/errors";

export const VIEW_PAGES = ["explorer", "contracts"] as const;
export type ViewPage = (typeof VIEW_PAGES)[number];

export const createViewSchema = z.object({
  /** The page the view opens: a view's query string only means something to its own page */
  page: z.enum(VIEW_PAGES).default("explorer"),
  name: z.string().trim().min(1, "Name the view").max(120, "Use at most 120 characters"),
  /** The page's query string, e.g. "kind=icb&region=Y61&sort=-population" */
  query: z
    .string()
    .trim()
    .max(4000, "That view is too large to save")
    .refine((value) => !/[\s#]/.test(value), "A view is a URL query string without spaces")
    .transform((value) => value.replace(/^\?/, "")),
});

const viewSelect = { id: true, page: true, name: true, query: true, createdAt: true, createdBy: { select: { name: true } } } as const;

export async function listViews(db: PrismaClient, ctx: AuthContext, page?: ViewPage) {
  return db.savedView.findMany({ where: { teamId: ctx.team.id, ...(page ? { page } : {}) }, orderBy: [{ page: "asc" }, { name: "asc" }], select: viewSelect });
}

export async function getView(db: PrismaClient, ctx: AuthContext, id: string) {
  const view = await db.savedView.findFirst({ where: { id, teamId: ctx.team.id }, select: viewSelect });
  if (!view) throw notFound("That saved view");
  return view;
}

export async function createView(db: PrismaClient, ctx: AuthContext, input: z.output<typeof createViewSchema>) {
  const taken = await db.savedView.findUnique({ where: { teamId_page_name: { teamId: ctx.team.id, page: input.page, name: input.name } }, select: { id: true } });
  if (taken) throw new AppError("conflict", `Your team already has a view called "${input.name}".`, { name: ["Choose another name"] });
  return db.$transaction(async (tx) => {
    const view = await tx.savedView.create({ data: { teamId: ctx.team.id, page: input.page, name: input.name, query: input.query, createdById: ctx.user.id }, select: viewSelect });
    await recordAudit(tx, { action: "view.created", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `view:${view.id}`, after: { page: view.page, name: view.name, query: view.query } });
    return view;
  });
}

export function viewToJson(view: Awaited<ReturnType<typeof getView>>) {
  return { id: view.id, page: view.page, name: view.name, query: view.query, created_by: view.createdBy.name, created_at: view.createdAt.toISOString() };
}
