// How far the procurement data reaches: per source, how many notices and over which dates, and the
// spend lines per payer. Every page and API answer that shows procurement figures states it, since
// the shipped data is a sample and a sync may or may not have run.
import { queryRows, type Queryable } from "@/lib/db/query";
import { sql } from "@/lib/db/sql";
import { COVERAGE_CAVEAT, PROCUREMENT_SOURCE_LABELS, type ProcurementSource, type SyncSource } from "@/lib/procurement/vocabulary";

export type NoticeCoverage = { source: ProcurementSource; label: string; notices: number; from: string | null; to: string | null };
export type SpendCoverage = { payerCode: string | null; payerName: string; lines: number; from: string; to: string };
export type SyncCoverage = { source: SyncSource; status: string; updatedAt: string };
export type ProcurementCoverage = {
  notices: NoticeCoverage[];
  spend: SpendCoverage[];
  syncs: SyncCoverage[];
  /** True until a sync of an official feed has finished: then the figures are the shipped sample only. */
  sampleOnly: boolean;
  caveat: string;
};

export async function readCoverage(db: Queryable): Promise<ProcurementCoverage> {
  const [notices, spend, syncs] = await Promise.all([
    queryRows<{ source: ProcurementSource; notices: number; from: string | null; to: string | null }>(db, sql`
      SELECT source, count(*)::int AS notices, to_char(min(published_at), 'YYYY-MM-DD') AS "from", to_char(max(published_at), 'YYYY-MM-DD') AS "to"
      FROM procurement_process GROUP BY source ORDER BY count(*) DESC`),
    queryRows<SpendCoverage>(db, sql`
      SELECT payer_code AS "payerCode", min(payer_name) AS "payerName", count(*)::int AS lines,
        to_char(min(payment_date), 'YYYY-MM-DD') AS "from", to_char(max(payment_date), 'YYYY-MM-DD') AS "to"
      FROM spend_line GROUP BY payer_code ORDER BY min(payer_name)`),
    queryRows<SyncCoverage>(db, sql`
      SELECT source, status, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt" FROM procurement_sync_state ORDER BY source`),
  ]);
  return {
    notices: notices.map((row) => ({ ...row, label: PROCUREMENT_SOURCE_LABELS[row.source] })),
    spend,
    syncs,
    sampleOnly: !syncs.some((sync) => sync.status === "done"),
    caveat: COVERAGE_CAVEAT,
  };
}

/** The `coverage` object of an API answer with procurement figures. */
export function coverageToJson(coverage: ProcurementCoverage) {
  return {
    notices: coverage.notices.map(({ source, label, notices, from, to }) => ({ source, label, notices, from, to })),
    spend: coverage.spend.map(({ payerCode, payerName, lines, from, to }) => ({ payer_code: payerCode, payer_name: payerName, lines, from, to })),
    syncs: coverage.syncs.map(({ source, status, updatedAt }) => ({ source, status, updated_at: updatedAt })),
    sample_only: coverage.sampleOnly,
    caveat: coverage.caveat,
  };
}
