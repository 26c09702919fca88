// Read-side queries over the organisation map. Shared by pages, route handlers and tests.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { queryRows } from "@/lib/db/query";
import { sql } from "@/lib/db/sql";
import { ORGANISATION_KINDS, NATIONS, SUPPORT_BODY_KINDS, type Nation, type OrganisationKind, type OrganisationStatus } from "./vocabulary";

/** A body's registered patients as the API and the UI give them, or null where the data has no figure. */
export type RegisteredPatients = { value: number; month: string; source: string };

export function registeredPatientsFigure(value: number | null, month: string | null, source: string | null): RegisteredPatients | null {
  return value === null || month === null ? null : { value, month, source: source ?? "" };
}

export type KindCount = { nation: Nation; kind: OrganisationKind; open: number; closed: number };

/** Open and closed bodies per nation and kind, in the vocabulary's order. */
export async function countByNationAndKind(db: PrismaClient): Promise<KindCount[]> {
  const rows = await queryRows<{ nation: Nation; kind: OrganisationKind; open: bigint; closed: bigint }>(db, sql`
    SELECT nation, kind,
           count(*) FILTER (WHERE status = 'open') AS open,
           count(*) FILTER (WHERE status = 'closed') AS closed
    FROM organisation GROUP BY nation, kind`);
  return rows
    .map((r) => ({ nation: r.nation, kind: r.kind, open: Number(r.open), closed: Number(r.closed) }))
    .sort((a, b) => NATIONS.indexOf(a.nation) - NATIONS.indexOf(b.nation) || ORGANISATION_KINDS.indexOf(a.kind) - ORGANISATION_KINDS.indexOf(b.kind));
}

export type OrganisationRef = { code: string; name: string; kind: OrganisationKind; nation: Nation; status: OrganisationStatus };
const refSelect = { code: true, name: true, kind: true, nation: true, status: true } as const;
const asRef = (o: { code: string; name: string; kind: string; nation: string; status: string }) => o as OrganisationRef;

export type ClosedBody = OrganisationRef & {
  closeDate: string | null;
  successors: (OrganisationRef & { reason: string; effectiveDate: string; note: string | null })[];
};

/** Closed bodies (optionally of one kind), each with the bodies that took over. */
export async function listClosedWithSuccessors(db: PrismaClient, kind?: OrganisationKind): Promise<ClosedBody[]> {
  const closed = await db.organisation.findMany({
    where: { status: "closed", ...(kind ? { kind } : {}) },
    orderBy: [{ closeDate: "desc" }, { name: "asc" }],
    select: {
      ...refSelect,
      closeDate: true,
      successors: { select: { reason: true, effectiveDate: true, note: true, successor: { select: refSelect } }, orderBy: { successor: { name: "asc" } } },
    },
  });
  return closed.map((o) => ({
    ...asRef(o),
    closeDate: o.closeDate?.toISOString().slice(0, 10) ?? null,
    successors: o.successors.map((s) => ({
      ...asRef(s.successor),
      reason: s.reason,
      effectiveDate: s.effectiveDate.toISOString().slice(0, 10),
      note: s.note,
    })),
  }));
}

export type SupportBody = OrganisationRef & { codeSystem: string; closeDate: string | null; website: string | null };

/** The national and support bodies (CSUs, national buyers, arm's-length bodies, HINs), by kind in the vocabulary's order, then name. */
export async function listSupportBodies(db: PrismaClient): Promise<SupportBody[]> {
  const bodies = await db.organisation.findMany({
    where: { kind: { in: [...SUPPORT_BODY_KINDS] } },
    orderBy: [{ name: "asc" }],
    select: { ...refSelect, codeSystem: true, closeDate: true, website: true },
  });
  const order = (kind: string) => SUPPORT_BODY_KINDS.indexOf(kind as (typeof SUPPORT_BODY_KINDS)[number]);
  return bodies
    .map((o) => ({ ...asRef(o), codeSystem: o.codeSystem, closeDate: o.closeDate?.toISOString().slice(0, 10) ?? null, website: o.website }))
    .sort((x, y) => order(x.kind) - order(y.kind));
}

/**
 * An organisation code as people type it (any case, spaces around), upper-cased: letters, digits and
 * hyphens, at most 20. `message`, where given, replaces the three messages with one naming the field.
 */
export function organisationCode(message?: string) {
  return z
    .string()
    .trim()
    .toUpperCase()
    .min(1, message ?? "Enter an organisation code")
    .max(20, message ?? "An organisation code has at most 20 characters")
    // Upper-cased before this check; the pattern admits lower case so the OpenAPI document, which
    // shows it to clients, does not claim that "qyg" is refused
    .regex(/^[A-Za-z0-9-]+$/, message ?? "An organisation code has only letters, digits and hyphens");
}

export const organisationCodeSchema = organisationCode();

export async function findOrganisationByCode(db: PrismaClient, code: string) {
  const parsed = organisationCodeSchema.safeParse(code);
  if (!parsed.success) return null;
  return db.organisation.findUnique({
    where: { code: parsed.data },
    include: {
      parent: { select: refSelect },
      region: { select: refSelect },
      successors: { include: { successor: { select: refSelect } } },
      predecessors: { include: { predecessor: { select: refSelect } } },
      allocations: { orderBy: [{ financialYear: "desc" }, { line: "asc" }] },
      _count: { select: { children: true } },
    },
  });
}

/** The chain of parents from the body up to the top of its nation's hierarchy (nearest first). */
export async function parentChain(db: PrismaClient, code: string): Promise<OrganisationRef[]> {
  const rows = await queryRows<OrganisationRef & { depth: number }>(db, sql`
    WITH RECURSIVE chain AS (
      SELECT p.id, p.code, p.name, p.kind, p.nation, p.status, p.parent_id, 1 AS depth
      FROM organisation o JOIN organisation p ON p.id = o.parent_id WHERE o.code = ${code}
      UNION ALL
      SELECT p.id, p.code, p.name, p.kind, p.nation, p.status, p.parent_id, c.depth + 1
      FROM chain c JOIN organisation p ON p.id = c.parent_id WHERE c.depth < 10
    )
    SELECT code, name, kind, nation, status, depth FROM chain ORDER BY depth`);
  return rows.map(({ code, name, kind, nation, status }) => ({ code, name, kind, nation, status }));
}

/** The kinds of body directly below one, with how many are open and closed (for the profile's table). */
export async function childKindCounts(db: PrismaClient, id: number): Promise<{ kind: OrganisationKind; open: number; closed: number }[]> {
  const rows = await queryRows<{ kind: OrganisationKind; open: number; closed: number }>(db, sql`
    SELECT kind, count(*) FILTER (WHERE status = 'open')::int AS open, count(*) FILTER (WHERE status = 'closed')::int AS closed
    FROM organisation WHERE parent_id = ${id} GROUP BY kind`);
  return rows.sort((a, b) => ORGANISATION_KINDS.indexOf(a.kind) - ORGANISATION_KINDS.indexOf(b.kind));
}

/** Number of bodies of each kind anywhere below this one (practices under an ICB, and so on). */
export async function descendantCounts(db: PrismaClient, code: string): Promise<{ kind: OrganisationKind; open: number; closed: number }[]> {
  const rows = await queryRows<{ kind: OrganisationKind; open: bigint; closed: bigint }>(db, sql`
    WITH RECURSIVE below AS (
      SELECT c.id, c.kind, c.status, 1 AS depth FROM organisation o JOIN organisation c ON c.parent_id = o.id WHERE o.code = ${code}
      UNION ALL
      SELECT c.id, c.kind, c.status, b.depth + 1 FROM below b JOIN organisation c ON c.parent_id = b.id WHERE b.depth < 10
    )
    SELECT kind, count(*) FILTER (WHERE status = 'open') AS open, count(*) FILTER (WHERE status = 'closed') AS closed
    FROM below GROUP BY kind`);
  return rows
    .map((r) => ({ kind: r.kind, open: Number(r.open), closed: Number(r.closed) }))
    .sort((a, b) => ORGANISATION_KINDS.indexOf(a.kind) - ORGANISATION_KINDS.indexOf(b.kind));
}
