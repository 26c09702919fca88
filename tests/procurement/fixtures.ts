// Procurement fixtures for the contracts tests. Every notice and spend line here is a real record
// of data/procurement/nhs_procurement.csv (from ../shared/data/procurement) (its ocid, buyer, title and figures), reshaped
// into the model: dates that must sit on a filter's boundary are moved relative to the test's today,
// and where a test needs a field the CSV lacks (a supplier, a deadline) the comment beside it says so.
import type { Db } from "../../lib/db/client";
import { refreshCoverage } from "@/lib/procurement/coverage";

export type NoticeFixture = {
  ocid: string;
  source?: "contracts-finder" | "sell2wales" | "public-contracts-scotland";
  title: string;
  description?: string;
  buyerName: string;
  buyerCode?: string;
  status: "planned" | "open" | "closed" | "awarded" | "cancelled" | "unknown";
  publishedAt: string;
  value?: number;
  contractStart?: string;
  contractEnd?: string;
  deadline?: Date;
  cpv?: string[];
  suppliers?: string[];
};

/** Empties what the template may hold (the shipped sample, once the importer lands): each file starts from its own fixtures. */
export async function emptyProcurement(db: Db) {
  await db.$executeRawUnsafe("DELETE FROM procurement_release");
  await db.$executeRawUnsafe("DELETE FROM procurement_process");
  await db.$executeRawUnsafe("DELETE FROM spend_line");
  await refreshCoverage(db);
}

const day = (iso: string | undefined) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

/** Fixtures are written row by row, not through the importer, so each one recounts the coverage as an import would. */
export async function insertNotice(db: Db, n: NoticeFixture) {
  const suppliers = (n.suppliers ?? []).map((name) => ({ name, identifier: null }));
  const created = await db.procurementProcess.create({
    data: {
      ocid: n.ocid,
      source: n.source ?? "contracts-finder",
      origin: "reshaped",
      title: n.title,
      description: n.description ?? null,
      cpvCodes: n.cpv ?? [],
      status: n.status,
      valueMax: n.value ?? null,
      currency: n.value === undefined ? null : "GBP",
      publishedAt: new Date(`${n.publishedAt}T00:00:00Z`),
      updatedAt: new Date(`${n.publishedAt}T00:00:00Z`),
      tenderDeadline: n.deadline ?? null,
      contractStart: day(n.contractStart),
      contractEnd: day(n.contractEnd),
      suppliers,
      supplierNames: suppliers.map((s) => s.name.toLowerCase()),
      buyerName: n.buyerName,
      buyerKey: n.buyerName.toLowerCase(),
      buyerCode: n.buyerCode ?? null,
      buyerMatchMethod: n.buyerCode ? "name" : null,
      buyerMatchedBy: n.buyerCode ? "importer" : null,
      url: `https://www.contractsfinder.service.gov.uk/Notice/${n.ocid.replace(/^ocds-b5fd17-/, "")}`,
      compiled: { ocid: n.ocid, reshaped: true },
    },
  });
  await refreshCoverage(db);
  return created;
}

export async function insertSpend(db: Db, line: { payerName: string; payerCode: string; date: string; supplier: string; amount: number }, n: number) {
  const created = await db.spendLine.create({
    data: { payerName: line.payerName, payerCode: line.payerCode, paymentDate: new Date(`${line.date}T00:00:00Z`), supplierName: line.supplier, amount: line.amount, source: "nhs_procurement.csv (jhau/nhs-spend)", lineKey: `fixture#${n}` },
  });
  await refreshCoverage(db);
  return created;
}
