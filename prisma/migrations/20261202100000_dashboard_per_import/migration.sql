-- Hand-written: the dashboard's contracts ending per area body, counted once per import instead of
-- per request (at 2 million notices the per-request walk took 1.5 s: a scan of every notice for its
-- window, then the scope walk up from 13,000 buyers). One row per ICB / health board / LHB / HSC
-- trust and contract end date: how many notices of its whole scope (itself, the bodies below it,
-- its predecessors: buyerScopeCte's walk of lib/procurement/scope.ts turned round, up from each
-- buyer through its parents and successors) end that day. The page
-- sums the days of its window, so the date stays a per-request choice. lib/dashboard/procurement.ts
-- refreshes it after procurement and reference imports.
CREATE MATERIALIZED VIEW "dashboard_contract_ending" AS
  WITH RECURSIVE "scope_roots_walk" AS (
    SELECT b."id" AS "start_id", b."id", 0 AS "depth" FROM "organisation" b
    WHERE EXISTS (SELECT 1 FROM "procurement_process" p WHERE p."buyer_code" = b."code" AND p."contract_end" IS NOT NULL)
    UNION
    SELECT w."start_id", n."id", w."depth" + 1
    FROM "scope_roots_walk" w
    CROSS JOIN LATERAL (
      SELECT o."parent_id" AS "id" FROM "organisation" o WHERE o."id" = w."id" AND o."parent_id" IS NOT NULL
      UNION ALL
      SELECT s."successor_id" FROM "succession" s WHERE s."predecessor_id" = w."id"
    ) n
    WHERE w."depth" < 12
  ), "scope_roots" AS (SELECT DISTINCT "start_id", "id" FROM "scope_roots_walk")
  -- A notice has one buyer and reaches each root once, so summing the days counts distinct notices
  SELECT r."id" AS "area_id", p."contract_end", count(*)::int AS "contracts"
  FROM "procurement_process" p
  JOIN "organisation" b ON b."code" = p."buyer_code"
  JOIN "scope_roots" r ON r."start_id" = b."id"
  JOIN "organisation" a ON a."id" = r."id" AND a."kind" IN ('icb', 'health-board', 'local-health-board', 'hsc-trust')
  WHERE p."contract_end" IS NOT NULL
  GROUP BY r."id", p."contract_end";
-- Unique, so it can be refreshed CONCURRENTLY; the count included, so a window is read from the index alone
CREATE UNIQUE INDEX "dashboard_contract_ending_end_area_idx" ON "dashboard_contract_ending" ("contract_end", "area_id") INCLUDE ("contracts");

-- Hand-written: the ICBs the dashboard's PCN filter offers (those with open PCNs under their sub-ICB
-- locations; a closed ICB too while open PCNs still sit under it), reference data only, so found
-- once per import: per request the walk probed 11,000 sub-ICB locations' children (30-80 ms at
-- 100x). lib/dashboard/options.ts reads it and the reference import refreshes it.
CREATE MATERIALIZED VIEW "dashboard_icb_option" AS
  SELECT i."code", i."name", reg."code" AS "region_code", i."status"
  FROM "organisation" i LEFT JOIN "organisation" reg ON reg."id" = i."region_id"
  WHERE i."kind" = 'icb' AND EXISTS (
    SELECT 1 FROM "organisation" s JOIN "organisation" p ON p."parent_id" = s."id"
    WHERE s."parent_id" = i."id" AND p."kind" = 'pcn' AND p."status" = 'open');
CREATE UNIQUE INDEX "dashboard_icb_option_code_idx" ON "dashboard_icb_option" ("code");

-- Hand-written: the pipeline by stage (the dashboard's and /lists') read from the index alone, list
-- by list: without the value in the index PostgreSQL scanned every team's entries (1,846 pages for
-- 10,000 of 100,000 entries at 100x; 79 pages with it). Prisma cannot declare INCLUDE.
CREATE INDEX "target_list_entry_list_id_stage_value_idx" ON "target_list_entry" ("list_id", "stage") INCLUDE ("estimated_value_gbp");
