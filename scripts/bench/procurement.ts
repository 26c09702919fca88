// The bench's procurement data: the real shipped sample (imported beforehand through the app's own
// importer) copied until notices and releases number about `procurementRows`, and its spend lines
// `spendTimes` over. A copy keeps a real record's title, description, CPV codes, suppliers and
// buyer as published, and reshapes the rest: every date shifted by the same whole number of days
// (so copies spread from three years back to today and "ends within N months" has matches), values
// times 0.75-1.25, and the matched buyer moved to the same body of a synthetic hierarchy copy
// (`Z<copy>-<code>`; national bodies, which are not copied, keep theirs).
import type pg from "pg";

export type ProcurementSettings = { procurementRows: number; spendTimes: number };

type Step = { label: string; sql: string; params?: unknown[] };

/** The hierarchy copy (0 = the real bodies) whose bodies buy or pay in copy k. */
const HIERARCHY = (k: string, copies: string) => `(${k} % (${copies} + 1))`;

/** `code` as the same body of hierarchy copy h, for a body of a kind that is copied. */
const remapped = (code: string, kind: string, h: string, notCopied: string) =>
  `CASE WHEN ${code} IS NULL OR ${h} = 0 OR ${kind} = ANY(${notCopied}) THEN ${code} ELSE 'Z' || ${h} || '-' || ${code} END`;

/**
 * The copies as INSERT ... SELECT statements. `copies` is the number of hierarchy copies, `notCopied`
 * the SQL array of kinds that are not copied. Copy k is generated from a LATERAL over the real rows,
 * so rows go in copy by copy and a word's matches are scattered over the whole table, as in a feed
 * imported over years (not clustered, which would flatter every scan). The real rows are read from
 * temporary tables: a LATERAL over the growing table itself would rescan every copy made so far.
 */
export async function procurementSteps(client: pg.Client, s: ProcurementSettings, copies: number, notCopied: string): Promise<{ steps: Step[]; processCopies: number }> {
  const real = (await client.query<{ processes: number; releases: number }>(
    "SELECT (SELECT count(*) FROM procurement_process)::int AS processes, (SELECT count(*) FROM procurement_release)::int AS releases",
  )).rows[0]!;
  const perCopy = real.processes + real.releases;
  const processCopies = perCopy ? Math.max(0, Math.round(s.procurementRows / perCopy) - 1) : 0;
  const h = HIERARCHY("c.k", "$2::int");
  return {
    processCopies,
    steps: [
      {
        label: "real notices, releases and spend lines to copy from",
        sql: `CREATE TEMP TABLE bench_real_process ON COMMIT DROP AS
            SELECT p.*, b.kind AS buyer_kind FROM procurement_process p LEFT JOIN organisation b ON b.code = p.buyer_code;
          CREATE TEMP TABLE bench_real_release ON COMMIT DROP AS SELECT * FROM procurement_release;
          CREATE TEMP TABLE bench_real_spend ON COMMIT DROP AS
            SELECT sl.*, o.kind AS payer_kind FROM spend_line sl LEFT JOIN organisation o ON o.code = sl.payer_code;
          ANALYZE bench_real_process; ANALYZE bench_real_release; ANALYZE bench_real_spend`,
      },
      {
        label: `notices (${processCopies} copies of ${real.processes.toLocaleString("en-GB")})`,
        // Each copy's shift is whole days from three years back to the day that puts the latest real notice on today
        sql: `
WITH reach AS (SELECT (current_date - max(published_at)::date) AS forward FROM bench_real_process)
INSERT INTO procurement_process (ocid, source, origin, title, description, cpv_codes, procedure, status, value_min, value_max, currency,
  published_at, updated_at, tender_deadline, award_date, contract_start, contract_end, lots, suppliers, supplier_names,
  buyer_name, buyer_identifier, buyer_key, buyer_code, buyer_match_method, buyer_matched_by, url, compiled, release_count, imported_at)
SELECT x.ocid || '-bench' || c.k, x.source, x.origin, x.title, x.description, x.cpv_codes, x.procedure,
  -- The importer's rule: an open tender whose deadline has passed is closed
  CASE WHEN x.status = 'open' AND x.tender_deadline + x.shift * interval '1 day' < now() THEN 'closed' ELSE x.status END,
  round(x.value_min * x.factor, 2), round(x.value_max * x.factor, 2), x.currency,
  x.published_at + x.shift * interval '1 day', x.updated_at + x.shift * interval '1 day', x.tender_deadline + x.shift * interval '1 day',
  x.award_date + x.shift, x.contract_start + x.shift, x.contract_end + x.shift, x.lots, x.suppliers, x.supplier_names,
  x.buyer_name, x.buyer_identifier, x.buyer_key, ${remapped("x.buyer_code", "x.buyer_kind", h, notCopied)},
  x.buyer_match_method, x.buyer_matched_by, x.url, x.compiled, x.release_count, now()
FROM reach CROSS JOIN generate_series(1, $1::int) AS c(k)
CROSS JOIN LATERAL (
  SELECT p.*, (floor(random() * (reach.forward + 1096))::int - 1095 + 0 * c.k) AS shift, (0.75 + 0.5 * random())::numeric AS factor
  FROM bench_real_process p
) x`,
        params: [processCopies, copies],
      },
      {
        label: "releases (with their copied notices)",
        // A copy's releases move by its notice's shift; their JSON is the real release, unchanged (its ocid is the real one)
        sql: `
INSERT INTO procurement_release (ocid, release_id, date, tags, source, origin, hash, data, imported_at)
SELECT c.ocid, r.release_id, r.date + (c.published_at - p.published_at), r.tags, r.source, r.origin, r.hash, r.data, now()
FROM generate_series(1, $1::int) AS k(k)
CROSS JOIN LATERAL (SELECT r.* FROM bench_real_release r WHERE k.k > 0) r
JOIN bench_real_process p ON p.ocid = r.ocid
JOIN procurement_process c ON c.ocid = r.ocid || '-bench' || k.k`,
        params: [processCopies],
      },
      {
        label: `spend lines (${s.spendTimes - 1} copies)`,
        // Payments of each copy move back by whole days, up to a year
        sql: `
INSERT INTO spend_line (payer_name, payer_code, payment_date, supplier_name, amount, source, line_key, imported_at)
SELECT x.payer_name, ${remapped("x.payer_code", "x.payer_kind", h, notCopied)}, x.payment_date - x.shift, x.supplier_name,
  round(x.amount * (0.75 + 0.5 * random())::numeric, 2), x.source, x.line_key || '-bench' || c.k, now()
FROM generate_series(1, $1::int) AS c(k)
CROSS JOIN LATERAL (
  SELECT sl.*, (floor(random() * 366)::int + 0 * c.k) AS shift
  FROM bench_real_spend sl
) x`,
        params: [s.spendTimes - 1, copies],
      },
      // As every import does: the coverage note reads these counts, not the tables
      { label: "coverage recounted", sql: "REFRESH MATERIALIZED VIEW procurement_coverage" },
      { label: "dashboard's contracts ending recounted", sql: "REFRESH MATERIALIZED VIEW dashboard_contract_ending" },
      { label: "dashboard's ICB choices found", sql: "REFRESH MATERIALIZED VIEW dashboard_icb_option" },
    ],
  };
}
