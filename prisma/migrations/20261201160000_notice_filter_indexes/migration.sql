-- Hand-written: indexes for two filters of the contracts page that Prisma cannot express.
-- Both wrap an array in an IMMUTABLE function, as an expression index needs one (array_to_string is only STABLE).

-- cpv=<2 digits>: the divisions of a notice's CPV codes ("85000000", "85100000" -> {85}), so a division matches through a GIN index
CREATE FUNCTION cpv_divisions(codes text[]) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN ARRAY(SELECT DISTINCT left(code, 2) FROM unnest(codes) AS code ORDER BY 1);
CREATE INDEX "procurement_process_cpv_divisions_idx" ON "procurement_process" USING GIN (cpv_divisions("cpv_codes"));

-- supplier=<text>: a substring of any supplier's (lower-case) name, through a trigram index
CREATE FUNCTION supplier_search_text(names text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN array_to_string(names, ' | ');
CREATE INDEX "procurement_process_supplier_names_trgm_idx" ON "procurement_process" USING GIN (supplier_search_text("supplier_names") gin_trgm_ops);
