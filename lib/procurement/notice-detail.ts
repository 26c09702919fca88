// One notice with every field: its lots, suppliers, the timeline of its releases, the buyer as
// published beside the body it matched (and how), and the compiled record the API serves.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import type { NoticeSupplier } from "./notices";
import type { BuyerMatchMethod, NoticeStatus, ProcessOrigin, ProcurementSource } from "./vocabulary";

export type NoticeLot = { id: string | null; title: string | null; status: string | null; value: { amount?: number | null; currency?: string | null } | number | null };

const day = (value: Date | null) => value?.toISOString().slice(0, 10) ?? null;
const money = (value: { toString(): string } | null) => (value === null ? null : Number(value.toString()));

/** The notice with this id, or a 404. Notices are public data: every team reads the same. */
export async function getNotice(db: PrismaClient, id: number) {
  const process = Number.isSafeInteger(id)
    ? await db.procurementProcess.findUnique({
        where: { id },
        include: {
          buyer: { select: { code: true, name: true, kind: true, nation: true, status: true } },
          releases: { select: { releaseId: true, date: true, tags: true, origin: true }, orderBy: [{ date: "asc" }, { releaseId: "asc" }] },
        },
      })
    : null;
  if (!process) throw notFound("That notice");
  return {
    id: process.id,
    ocid: process.ocid,
    source: process.source as ProcurementSource,
    origin: process.origin as ProcessOrigin,
    title: process.title,
    description: process.description,
    cpvCodes: process.cpvCodes,
    procedure: process.procedure,
    status: process.status as NoticeStatus,
    value: { min: money(process.valueMin), max: money(process.valueMax), currency: process.currency },
    publishedAt: process.publishedAt.toISOString(),
    updatedAt: process.updatedAt.toISOString(),
    tenderDeadline: process.tenderDeadline?.toISOString() ?? null,
    awardDate: day(process.awardDate),
    contractStart: day(process.contractStart),
    contractEnd: day(process.contractEnd),
    lots: (Array.isArray(process.lots) ? process.lots : []) as NoticeLot[],
    suppliers: (Array.isArray(process.suppliers) ? process.suppliers : []) as NoticeSupplier[],
    buyerName: process.buyerName,
    buyerIdentifier: process.buyerIdentifier,
    buyer: process.buyer,
    matchMethod: process.buyerMatchMethod as BuyerMatchMethod | null,
    matchedBy: process.buyerMatchedBy,
    url: process.url,
    compiled: process.compiled,
    releases: process.releases.map((r) => ({ id: r.releaseId, date: r.date.toISOString(), tags: r.tags, origin: r.origin })),
  };
}
export type NoticeDetail = Awaited<ReturnType<typeof getNotice>>;

/** The JSON of GET /api/v1/notices/{id}. */
export function noticeDetailToJson(notice: NoticeDetail) {
  return {
    id: notice.id,
    ocid: notice.ocid,
    title: notice.title,
    description: notice.description,
    buyer_name: notice.buyerName,
    buyer_identifier: notice.buyerIdentifier,
    buyer_code: notice.buyer?.code ?? null,
    buyer: notice.buyer ? { code: notice.buyer.code, name: notice.buyer.name, kind: notice.buyer.kind } : null,
    match: notice.matchMethod ? { method: notice.matchMethod, by: notice.matchedBy } : null,
    value: notice.value,
    status: notice.status,
    procedure: notice.procedure,
    published_at: notice.publishedAt,
    updated_at: notice.updatedAt,
    tender_deadline: notice.tenderDeadline,
    award_date: notice.awardDate,
    contract_start: notice.contractStart,
    contract_end: notice.contractEnd,
    cpv_codes: notice.cpvCodes,
    lots: notice.lots,
    suppliers: notice.suppliers,
    source: notice.source,
    origin: notice.origin,
    url: notice.url,
    releases: notice.releases,
    compiled: notice.compiled,
  };
}
