import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AuthContext } from "@/lib/auth/context";

/** Which of the team's lists hold this body, and at what stage. */
export async function listsHoldingOrganisation(db: PrismaClient, ctx: AuthContext, organisationId: number) {
  return db.targetListEntry.findMany({
    where: { organisationId, list: { teamId: ctx.team.id, archivedAt: null } },
    orderBy: { list: { name: "asc" } },
    select: { stage: true, list: { select: { id: true, name: true } } },
  });
}
