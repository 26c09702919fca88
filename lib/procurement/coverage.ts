// How far the procurement data reaches: per source, how many notices and over which dates, and the
// spend lines per payer. Every page and API answer that shows procurement figures states it, since
// the shipped data is a sample and a sync may or may not have run.
import { execute, queryRows, type Queryable } from "@/lib/db/query";
import { sql } from "@/lib/db/sql";
import { refreshContractsEnding } from "@/lib/dashboard/procurement";
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

/**
 * Recounts the coverage (the procurement_coverage materialized view) after an import changed
 * notices or spend lines, and the dashboard's contracts ending, counted from the same notices.
 * CONCURRENTLY, so pages reading them meanwhile see the last figures.
 */
export async function refreshCoverage(db: Queryable): Promise<void> {
  await execute(db, sql`REFRESH MATERIALIZED VIEW CONCURRENTLY procurement_coverage`);
  await refreshContractsEnding(db);
}

/** One statement (one round trip) over the counted coverage, as every page with procurement figures asks for it. */
export async function readCoverage(db: Queryable): Promise<ProcurementCoverage> {
  const [row] = await queryRows<{
    notices: { source: ProcurementSource; notices: number; from: string | null; to: string | null }[];
    spend: SpendCoverage[];
    syncs: SyncCoverage[];
  }>(db, sql`
    SELECT
      (SELECT coalesce(json_agg(n ORDER BY n.notices DESC, n.source), '[]') FROM (
        SELECT key AS source, count AS notices, to_char("from", 'YYYY-MM-DD') AS "from", to_char("to", 'YYYY-MM-DD') AS "to"
        FROM procurement_coverage WHERE kind = 'notices') n) AS notices,
      (SELECT coalesce(json_agg(s ORDER BY s."payerName"), '[]') FROM (
        SELECT nullif(key, '') AS "payerCode", name AS "payerName", count AS lines, to_char("from", 'YYYY-MM-DD') AS "from", to_char("to", 'YYYY-MM-DD') AS "to"
        FROM procurement_coverage WHERE kind = 'spend') s) AS spend,
      (SELECT coalesce(json_agg(y ORDER BY y.source), '[]') FROM (
        SELECT source, status, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt" FROM procurement_sync_state) y) AS syncs`);
  const { notices, spend, syncs } = row!;
  return {
    notices: notices.map((source) => ({ ...source, label: PROCUREMENT_SOURCE_LABELS[source.source] })),
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
