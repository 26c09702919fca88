// "Who buys for this now?": from any code, old or new, to the open bodies that hold its functions today.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { queryRows } from "@/lib/db/query";
import { sql } from "@/lib/db/sql";
import { organisationCodeSchema, type OrganisationRef } from "./read";
import { AREA_COMMISSIONER_KINDS, kindIn, type Nation, type OrganisationKind, type OrganisationStatus, type SuccessionReason } from "./vocabulary";

export type CurrentBuyer = {
  /** The body the code names */
  organisation: OrganisationRef;
  /** Open bodies that took over from it (itself when it is open) */
  current: OrganisationRef[];
  /** Open bodies of the commissioning kind above it (e.g. today's ICB for a sub-ICB location or a closed ICB) */
  currentCommissioners: OrganisationRef[];
  /** Every succession on the way from it to today's bodies, oldest first (CCG → CCG → sub-ICB location → …) */
  steps: SuccessionStep[];
};

export type SuccessionStep = { from: string; to: OrganisationRef; effectiveDate: string; reason: SuccessionReason };

/** The successions reachable from a body, each once, by date. */
async function successionSteps(db: PrismaClient, id: number): Promise<SuccessionStep[]> {
  const rows = await queryRows<{ from_code: string; code: string; name: string; kind: OrganisationKind; nation: Nation; status: OrganisationStatus; effective_date: string; reason: SuccessionReason }>(db, sql`
    WITH RECURSIVE walk AS (
      SELECT s.predecessor_id, s.successor_id, 1 AS depth FROM succession s WHERE s.predecessor_id = ${id}
      UNION
      SELECT s.predecessor_id, s.successor_id, w.depth + 1 FROM walk w JOIN succession s ON s.predecessor_id = w.successor_id WHERE w.depth < 10
    )
    SELECT DISTINCT p.code AS from_code, o.code, o.name, o.kind, o.nation, o.status, to_char(s.effective_date, 'YYYY-MM-DD') AS effective_date, s.reason
    FROM walk w
    JOIN succession s ON s.predecessor_id = w.predecessor_id AND s.successor_id = w.successor_id
    JOIN organisation p ON p.id = w.predecessor_id
    JOIN organisation o ON o.id = w.successor_id
    ORDER BY effective_date, from_code, o.code`);
  return rows.map((r) => ({ from: r.from_code, to: { code: r.code, name: r.name, kind: r.kind, nation: r.nation, status: r.status }, effectiveDate: r.effective_date, reason: r.reason }));
}

/** Follows successions transitively to the open bodies at the end of each chain. */
async function openSuccessors(db: PrismaClient, ids: number[]): Promise<(OrganisationRef & { id: number })[]> {
  if (ids.length === 0) return [];
  return queryRows<OrganisationRef & { id: number }>(db, sql`
    WITH RECURSIVE heirs AS (
      SELECT o.id, 0 AS depth FROM organisation o WHERE o.id = ANY(${ids}::int[])
      UNION
      SELECT s.successor_id, h.depth + 1 FROM heirs h JOIN succession s ON s.predecessor_id = h.id WHERE h.depth < 10
    )
    SELECT DISTINCT o.id, o.code, o.name, o.kind, o.nation, o.status
    FROM heirs h JOIN organisation o ON o.id = h.id
    WHERE o.status = 'open'
    ORDER BY o.name`);
}

/** Nearest ancestor (or self) that is an ICB or board: the sub-ICB location's ICB, the HSCP's board. */
async function commissioningAncestor(db: PrismaClient, id: number): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(db, sql`
    WITH RECURSIVE up AS (
      SELECT o.id, o.kind, o.parent_id, 0 AS depth FROM organisation o WHERE o.id = ${id}
      UNION ALL
      SELECT p.id, p.kind, p.parent_id, u.depth + 1 FROM up u JOIN organisation p ON p.id = u.parent_id WHERE u.depth < 10
    )
    SELECT id FROM up WHERE ${kindIn("kind", AREA_COMMISSIONER_KINDS)} ORDER BY depth LIMIT 1`);
  return rows[0]?.id ?? null;
}

export async function findCurrentBuyer(db: PrismaClient, code: string): Promise<CurrentBuyer | null> {
  const parsed = organisationCodeSchema.safeParse(code);
  if (!parsed.success) return null;
  const organisation = await db.organisation.findUnique({
    where: { code: parsed.data },
    select: { id: true, code: true, name: true, kind: true, nation: true, status: true },
  });
  if (!organisation) return null;
  const { id, ...ref } = organisation;
  const current: ({ id: number } & Record<string, unknown>)[] = organisation.status === "open" ? [{ id, ...ref }] : await openSuccessors(db, [id]);

  const commissionerIds = new Set<number>();
  for (const body of current.length > 0 ? current : [{ id }]) {
    const ancestor = await commissioningAncestor(db, body.id);
    if (ancestor !== null) commissionerIds.add(ancestor);
  }
  const currentCommissioners = await openSuccessors(db, [...commissionerIds]);
  const strip = (body: { id: number } & Record<string, unknown>) => {
    const { code, name, kind, nation, status } = body;
    return { code, name, kind, nation, status } as OrganisationRef;
  };
  const steps = organisation.status === "open" ? [] : await successionSteps(db, id);
  return { organisation: ref as OrganisationRef, current: current.map(strip), currentCommissioners: currentCommissioners.map(strip), steps };
}
