-- Hand-written: how far the procurement data reaches (notices per source, spend lines per payer),
-- counted once per import rather than on every page that shows it: at 2 million notices the counts
-- took a second. lib/procurement/coverage.ts refreshes it after each import that changed anything.
CREATE MATERIALIZED VIEW "procurement_coverage" AS
  SELECT 'notices'::text AS "kind", "source" AS "key", NULL::text AS "name", count(*)::int AS "count",
    min("published_at")::date AS "from", max("published_at")::date AS "to"
  FROM "procurement_process" GROUP BY "source"
  UNION ALL
  -- A payer without a code is keyed '' (a unique index for CONCURRENTLY must be on plain columns)
  SELECT 'spend', coalesce("payer_code", ''), min("payer_name"), count(*)::int, min("payment_date"), max("payment_date")
  FROM "spend_line" GROUP BY "payer_code";
-- Unique, so it can be refreshed CONCURRENTLY (pages keep reading the last figures meanwhile)
CREATE UNIQUE INDEX "procurement_coverage_kind_key_idx" ON "procurement_coverage" ("kind", "key");
