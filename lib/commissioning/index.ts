// Who commissions what: service categories and the responsibilities that rest on public sources.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { todayIso } from "@/lib/format";
import { COMMISSIONING_KINDS } from "@/lib/organisations/vocabulary";
import { byState, responsibilityState, type ResponsibilityState } from "./state";

export { currentResponsibility, currentResponsibilityWhere, responsibilityState, type ResponsibilityState } from "./state";

/** `today` decides which rows are planned, current or ended; tests fix it. */
type AsOf = { today?: string };

const isoDate = (date: Date | null) => date?.toISOString().slice(0, 10) ?? null;
/** A row's dates as ISO strings, and its state today. */
function dated(r: { effectiveFrom: Date | null; effectiveTo: Date | null }, today: string) {
  const dates = { effectiveFrom: isoDate(r.effectiveFrom), effectiveTo: isoDate(r.effectiveTo) };
  return { ...dates, state: responsibilityState(dates, today) };
}

export async function listServiceCategories(db: PrismaClient) {
  const categories = await db.serviceCategory.findMany({
    orderBy: { sortOrder: "asc" },
    select: { slug: true, name: true, responsibilities: { select: { nation: true } } },
  });
  return categories.map((c) => ({ slug: c.slug, name: c.name, nations: [...new Set(c.responsibilities.map((r) => r.nation))] }));
}

/** What a body commissions: rows for every body of its kind in its nation, and rows that name it. */
export async function commissionedBy(db: PrismaClient, organisation: { id: number; kind: string; nation: string }, { today = todayIso() }: AsOf = {}) {
  const rows = await db.commissioningResponsibility.findMany({
    where: { OR: [{ organisationKind: organisation.kind, nation: organisation.nation }, { commissionerOrgId: organisation.id }] },
    orderBy: [{ serviceCategory: { sortOrder: "asc" } }, { arrangement: "asc" }],
    select: {
      arrangement: true,
      effectiveFrom: true,
      effectiveTo: true,
      notes: true,
      sourceTitle: true,
      sourceUrl: true,
      evidence: true,
      commissionerName: true,
      serviceCategory: { select: { slug: true, name: true } },
    },
  });
  return commissionLines(
    rows.map((r) => ({
      service_category: r.serviceCategory,
      arrangement: r.arrangement,
      effective_from: isoDate(r.effectiveFrom),
      effective_to: isoDate(r.effectiveTo),
      commissioner_name: r.commissionerName,
      notes: r.notes,
      evidence: r.evidence,
      source_title: r.sourceTitle,
      source_url: r.sourceUrl,
    })),
    { today },
  );
}

/** A who-commissions-what row as read, dates as ISO strings (also from SQL: lib/organisations/profile). */
export type CommissionRow = {
  service_category: { slug: string; name: string };
  arrangement: string;
  effective_from: string | null;
  effective_to: string | null;
  commissioner_name: string | null;
  notes: string | null;
  evidence: string;
  source_title: string;
  source_url: string;
};

/** The API's lines for commissioning rows: each with its state today. */
export function commissionLines(rows: CommissionRow[], { today = todayIso() }: AsOf = {}) {
  return rows.map((r) => ({
    service_category: r.service_category,
    arrangement: r.arrangement,
    state: responsibilityState({ effectiveFrom: r.effective_from, effectiveTo: r.effective_to }, today),
    effective_from: r.effective_from,
    effective_to: r.effective_to,
    commissioner_name: r.commissioner_name,
    notes: r.notes,
    evidence: r.evidence,
    source: { title: r.source_title, url: r.source_url },
  }));
}

export type MatrixEntry = {
  commissionerKind: string;
  commissionerName: string | null;
  commissionerCode: string | null;
  organisationKind: string | null;
  arrangement: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  state: ResponsibilityState;
  notes: string | null;
  evidence: string;
  source: { title: string; url: string };
};
export type MatrixRow = { slug: string; name: string; cells: Record<string, MatrixEntry[]> };

/** Service categories down, nations across: who commissions each, how, and on what source. */
export async function commissioningMatrix(db: PrismaClient, { service, today = todayIso() }: { service?: string } & AsOf = {}): Promise<MatrixRow[]> {
  const categories = await db.serviceCategory.findMany({
    where: service ? { slug: service } : {},
    orderBy: { sortOrder: "asc" },
    select: {
      slug: true,
      name: true,
      responsibilities: {
        orderBy: [{ arrangement: "asc" }, { commissionerKind: "asc" }],
        select: {
          nation: true,
          commissionerKind: true,
          commissionerName: true,
          organisationKind: true,
          arrangement: true,
          effectiveFrom: true,
          effectiveTo: true,
          notes: true,
          evidence: true,
          sourceTitle: true,
          sourceUrl: true,
          commissionerOrg: { select: { code: true } },
        },
      },
    },
  });
  return categories.map((category) => {
    const cells: Record<string, MatrixEntry[]> = {};
    for (const r of category.responsibilities) {
      (cells[r.nation] ??= []).push({
        commissionerKind: r.commissionerKind,
        commissionerName: r.commissionerName,
        commissionerCode: r.commissionerOrg?.code ?? null,
        organisationKind: r.organisationKind,
        arrangement: r.arrangement,
        ...dated(r, today),
        notes: r.notes,
        evidence: r.evidence,
        source: { title: r.sourceTitle, url: r.sourceUrl },
      });
    }
    for (const nation of Object.keys(cells)) cells[nation] = byState(cells[nation]!);
    return { slug: category.slug, name: category.name, cells };
  });
}

export type PopulationCommissioning = {
  /** Rows where this body itself commissions (its kind, or named) */
  itself: CommissioningLine[];
  /** Rows held by bodies within its area: HSCPs under a board, councils overlapping an ICB */
  withinArea: { line: CommissioningLine; bodies: { code: string; name: string }[] }[];
  /** Rows held by national or regional bodies for its population (NHS England, NSS, the JCC...) */
  nationally: CommissioningLine[];
};

type ResponsibilityWithCategory = {
  arrangement: string;
  effectiveFrom: Date | null;
  effectiveTo: Date | null;
  notes: string | null;
  evidence: string;
  sourceTitle: string;
  sourceUrl: string;
  commissionerKind: string;
  commissionerName: string | null;
  organisationKind: string | null;
  commissionerOrgId: number | null;
  serviceCategory: { slug: string; name: string; sortOrder: number };
  commissionerOrg: { code: string; name: string } | null;
};

export type CommissioningLine = ReturnType<typeof toLine>;

function toLine(r: ResponsibilityWithCategory, today: string) {
  return {
    service: { slug: r.serviceCategory.slug, name: r.serviceCategory.name },
    arrangement: r.arrangement,
    ...dated(r, today),
    commissioner: r.commissionerOrg ? { code: r.commissionerOrg.code, name: r.commissionerOrg.name } : null,
    commissionerName: r.commissionerName,
    commissionerKind: r.commissionerKind,
    notes: r.notes,
    evidence: r.evidence,
    source: { title: r.sourceTitle, url: r.sourceUrl },
  };
}

type Body = { id: number; code: string; name: string; kind: string; nation: string };

/**
 * Whose commissioning a body's profile shows: its own where its kind commissions; otherwise that of the
 * ICB or board it sits in today (a practice, PCN or trust has no commissioning rows of its own).
 */
export async function populationCommissioner<T extends Body>(db: PrismaClient, organisation: T, currentCommissionerCode: string | undefined): Promise<T | Body | null> {
  if ((COMMISSIONING_KINDS as readonly string[]).includes(organisation.kind) || !currentCommissionerCode) return organisation;
  return db.organisation.findUnique({ where: { code: currentCommissionerCode }, select: { id: true, code: true, name: true, kind: true, nation: true } });
}

// SPPG is one body for all of Northern Ireland: for anyone else its rows are national
const NATIONAL_KINDS = new Set(["sppg"]);

/**
 * Who commissions for this body's population: itself, bodies within its area, and national bodies.
 * Answers for the commissioning kinds (ICB, health board, LHB, SPPG, HSC trust); other kinds get
 * their nation's national rows only.
 */
export async function commissioningForPopulation(
  db: PrismaClient,
  organisation: { id: number; code: string; kind: string; nation: string },
  { today = todayIso() }: AsOf = {},
): Promise<PopulationCommissioning> {
  const rows = (await db.commissioningResponsibility.findMany({
    where: { nation: organisation.nation },
    include: { serviceCategory: { select: { slug: true, name: true, sortOrder: true } }, commissionerOrg: { select: { code: true, name: true } } },
    orderBy: [{ serviceCategory: { sortOrder: "asc" } }, { arrangement: "asc" }],
  })) as ResponsibilityWithCategory[];

  // Bodies within the area: councils overlapping an ICB, HSCPs under a board
  const withinKinds: Record<string, { code: string; name: string }[]> = {};
  if (organisation.kind === "icb") {
    withinKinds["local-authority"] = (
      await db.areaOverlap.findMany({ where: { icbId: organisation.id }, orderBy: { lsoaShare: "desc" }, select: { localAuthority: { select: { code: true, name: true } } } })
    ).map((o) => o.localAuthority);
  }
  if (organisation.kind === "health-board") {
    withinKinds.hscp = await db.organisation.findMany({ where: { parentId: organisation.id, kind: "hscp", status: "open" }, orderBy: { name: "asc" }, select: { code: true, name: true } });
  }
  if (organisation.kind === "sppg") {
    withinKinds["hsc-trust"] = await db.organisation.findMany({ where: { kind: "hsc-trust", status: "open" }, orderBy: { name: "asc" }, select: { code: true, name: true } });
  }

  const result: PopulationCommissioning = { itself: [], withinArea: [], nationally: [] };
  for (const r of rows) {
    const line = toLine(r, today);
    if (r.organisationKind === organisation.kind || r.commissionerOrgId === organisation.id) result.itself.push(line);
    else if (!r.organisationKind || NATIONAL_KINDS.has(r.organisationKind)) result.nationally.push(line);
    // Other local bodies of the nation (councils, partnerships, boards): listed by name where the data has them
    else result.withinArea.push({ line, bodies: withinKinds[r.organisationKind] ?? [] });
  }
  return result;
}
