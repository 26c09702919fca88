// Who commissions what: service categories and the responsibilities that rest on public sources.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function listServiceCategories(db: PrismaClient) {
  const categories = await db.serviceCategory.findMany({
    orderBy: { sortOrder: "asc" },
    select: { slug: true, name: true, responsibilities: { select: { nation: true } } },
  });
  return categories.map((c) => ({ slug: c.slug, name: c.name, nations: [...new Set(c.responsibilities.map((r) => r.nation))] }));
}

/** What a body commissions: rows for every body of its kind in its nation, and rows that name it. */
export async function commissionedBy(db: PrismaClient, organisation: { id: number; kind: string; nation: string }) {
  const rows = await db.commissioningResponsibility.findMany({
    where: { OR: [{ organisationKind: organisation.kind, nation: organisation.nation }, { commissionerOrgId: organisation.id }] },
    orderBy: [{ serviceCategory: { sortOrder: "asc" } }, { arrangement: "asc" }],
    select: {
      arrangement: true,
      effectiveFrom: true,
      notes: true,
      sourceTitle: true,
      sourceUrl: true,
      evidence: true,
      commissionerName: true,
      serviceCategory: { select: { slug: true, name: true } },
    },
  });
  return rows.map((r) => ({
    service_category: r.serviceCategory,
    arrangement: r.arrangement,
    effective_from: r.effectiveFrom?.toISOString().slice(0, 10) ?? null,
    commissioner_name: r.commissionerName,
    notes: r.notes,
    evidence: r.evidence,
    source: { title: r.sourceTitle, url: r.sourceUrl },
  }));
}
