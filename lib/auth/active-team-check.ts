// The server half of lib/auth/active-team.ts: refuses a call from a page rendered for another team.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "./context";

/**
 * Throws a 409 when the page that made the call was rendered for a team other than the session's
 * active one. The page's team is named only if the user is one of its members, so the id sent
 * cannot be used to learn the names of other teams.
 */
export async function refuseCallFromOtherTeam(db: PrismaClient, ctx: AuthContext, pageTeamId: unknown) {
  if (pageTeamId === undefined || pageTeamId === ctx.team.id) return;
  const membership =
    typeof pageTeamId === "string" ? await db.membership.findUnique({ where: { userId_teamId: { userId: ctx.user.id, teamId: pageTeamId } }, select: { team: { select: { name: true } } } }) : null;
  const opened = membership ? membership.team.name : "another team";
  throw new AppError(
    "conflict",
    `This page was opened in ${opened}, but you have since switched to ${ctx.team.name} in another tab, so nothing was saved. Reload the page to continue in ${ctx.team.name}.`,
  );
}
