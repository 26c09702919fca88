// Reading data/procurement/nhs_procurement.csv (see its PROCUREMENT_SOURCES.md). Dataset A is
// Contracts Finder notices reshaped by their collector: they become processes with origin
// "reshaped". Dataset B is reshaped copies of the raw OCDS releases shipped in ocds/, which the
// importer reads in their official form instead, so B is counted and skipped. Dataset C is ICB spend
// over £25k: spend lines, keyed so that a re-import adds nothing.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { repairMojibake } from "@/lib/procurement/ocds";
import type { NoticeStatus } from "@/lib/procurement/vocabulary";

export type CsvNotice = {
  ocid: string;
  source: "contracts-finder";
  title: string;
  status: NoticeStatus;
  value: number | null;
  published: string;
  contractStart: string | null;
  contractEnd: string | null;
  buyerName: string;
  /** The CSV's ODS column (its collector's exact-name match), else the publisher's id */
  buyerIdentifier: string | null;
  /** The row as shipped, served as the notice's record */
  row: Record<string, string>;
};

export type CsvSpendLine = { payerName: string; payerCode: string | null; date: string; supplierName: string; amount: number; source: string; lineKey: string };

export const SPEND_SOURCE = "nhs_procurement.csv dataset C: jhau/nhs-spend data/8. ICB (38-39).xlsx (ICB spend over £25,000)";

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)");
const optionalDay = z.union([z.literal("").transform(() => null), isoDay]);
const amount = z.string().regex(/^-?\d+(\.\d+)?$/, "must be a number").transform(Number);

const noticeRow = z.object({
  notice_id: z.string().startsWith("ocds-b5fd17-", "notice_id must be a Contracts Finder ocid (ocds-b5fd17-…)"),
  source: z.literal("contracts-finder", "source must be contracts-finder in dataset A"),
  published_date: isoDay,
  buyer_name: z.string().min(1, "buyer_name is empty"),
  buyer_id_if_any: z.string(),
  title: z.string().min(1, "title is empty"),
  value_gbp: z.union([z.literal("").transform(() => null), amount]),
  status: z.enum(["awarded", "open", "unknown"], "status must be awarded, open or unknown in dataset A"),
  contract_start: optionalDay,
  contract_end: optionalDay,
});

const spendRow = z.object({
  published_date: isoDay,
  buyer_name: z.string().min(1, "buyer_name is empty"),
  buyer_id_if_any: z.string(),
  supplier_name: z.string().min(1, "supplier_name is empty"),
  value_gbp: amount,
});

const describe = (error: z.ZodError) => error.issues.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");

export function readShippedCsv(file: string): { notices: CsvNotice[]; spend: CsvSpendLine[]; ocdsCopies: number; invalid: { origin: string; reason: string }[] } {
  const records = parse(readFileSync(file, "utf8"), { columns: true, bom: true, skip_empty_lines: true, info: true }) as { record: Record<string, string>; info: { lines: number } }[];
  const notices: CsvNotice[] = [];
  const spend: CsvSpendLine[] = [];
  const invalid: { origin: string; reason: string }[] = [];
  const occurrences = new Map<string, number>();
  let ocdsCopies = 0;
  for (const { record, info } of records) {
    const origin = `${file}:${info.lines}`;
    if (record.dataset === "B") {
      ocdsCopies++;
      continue;
    }
    if (record.dataset === "A") {
      const parsed = noticeRow.safeParse(record);
      if (!parsed.success) invalid.push({ origin, reason: describe(parsed.error) });
      else {
        const row = parsed.data;
        notices.push({
          ocid: row.notice_id,
          source: "contracts-finder",
          title: repairMojibake(row.title),
          status: row.status,
          value: row.value_gbp,
          published: row.published_date,
          contractStart: row.contract_start,
          contractEnd: row.contract_end,
          buyerName: repairMojibake(row.buyer_name),
          buyerIdentifier: row.buyer_id_if_any || null,
          row: record,
        });
      }
    } else if (record.dataset === "C") {
      const parsed = spendRow.safeParse(record);
      if (!parsed.success) invalid.push({ origin, reason: describe(parsed.error) });
      else {
        const row = parsed.data;
        // Two identical payments in one month are both real: the n-th copy gets "#n"
        const base = createHash("sha256").update(`${row.buyer_name}|${row.published_date}|${row.supplier_name}|${record.value_gbp}`).digest("hex");
        const n = (occurrences.get(base) ?? 0) + 1;
        occurrences.set(base, n);
        spend.push({ payerName: row.buyer_name, payerCode: row.buyer_id_if_any || null, date: row.published_date, supplierName: row.supplier_name, amount: row.value_gbp, source: SPEND_SOURCE, lineKey: `${base}#${n}` });
      }
    } else invalid.push({ origin, reason: `dataset must be A, B or C (got "${record.dataset ?? ""}")` });
  }
  return { notices, spend, ocdsCopies, invalid };
}
