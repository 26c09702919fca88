-- CreateTable
CREATE TABLE "organisation_match_name" (
    "organisation_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "is_current" BOOLEAN NOT NULL,
    "designator" TEXT NOT NULL,

    CONSTRAINT "organisation_match_name_pkey" PRIMARY KEY ("organisation_id","key")
);

-- CreateTable
CREATE TABLE "organisation_match_trigram" (
    "trigram" TEXT NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "organisation_match_trigram_pkey" PRIMARY KEY ("trigram","organisation_id","key")
);

-- CreateTable
CREATE TABLE "organisation_match_trigram_frequency" (
    "trigram" TEXT NOT NULL,
    "names" INTEGER NOT NULL,

    CONSTRAINT "organisation_match_trigram_frequency_pkey" PRIMARY KEY ("trigram")
);

-- CreateIndex
CREATE INDEX "organisation_match_name_key_idx" ON "organisation_match_name"("key");

-- CreateIndex
CREATE INDEX "organisation_match_trigram_organisation_id_idx" ON "organisation_match_trigram"("organisation_id");

-- AddForeignKey
ALTER TABLE "organisation_match_name" ADD CONSTRAINT "organisation_match_name_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organisation_match_trigram" ADD CONSTRAINT "organisation_match_trigram_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written. Edit distance, to score a misspelt name (lib/matching/engine.ts)
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- What a name is once the ways CRMs write it differently are taken out. Lower case,
-- Welsh and other accents dropped (ŵ = w), apostrophes dropped (King's = Kings), & read as "and",
-- punctuation as spaces; then the words every spelling adds or drops: NHS, the, and, of, and the
-- designators "Integrated Care Board"/"ICB", "Clinical Commissioning Group"/"CCG", "Foundation
-- Trust"/"Trust" (so "X NHS Trust" and "X NHS Foundation Trust" are one key).
CREATE FUNCTION match_key(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN btrim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
  translate(lower(name), 'àáâäèéêëìíîïòóôöùúûüẁẃŵẅỳýŷÿç', 'aaaaeeeeiiiioooouuuuwwwwyyyyc'),
  '[''’]', '', 'g'),
  '&', ' and ', 'g'),
  '[^a-z0-9]+', ' ', 'g'),
  '\m(nhs|the|and|of|integrated care board|icb|clinical commissioning group|ccg|foundation trust|trust)\M', ' ', 'g'),
  '\s+', ' ', 'g'));

-- The kind of body a name says it is, from the designator match_key drops: ranks "X CCG" towards
-- a CCG's name and "X ICB" towards an ICB's when both have the same key.
CREATE FUNCTION match_designator(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
  WHEN lower(name) ~ '\m(integrated care board|icb)\M' THEN 'icb'
  WHEN lower(name) ~ '\m(clinical commissioning group|ccg)\M' THEN 'ccg'
  WHEN lower(name) ~ '\mtrust\M' THEN 'trust'
  ELSE ''
END;

-- Keeps organisation_match_name and organisation_match_trigram in step with organisation, whoever
-- writes it (the importer, an operator, a test fixture): one row per distinct key, the current
-- name's first, and the trigrams of each key.
CREATE FUNCTION organisation_match_name_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM organisation_match_name WHERE organisation_id = NEW.id;
  DELETE FROM organisation_match_trigram WHERE organisation_id = NEW.id;
  INSERT INTO organisation_match_name (organisation_id, key, name, is_current, designator)
  SELECT DISTINCT ON (key) NEW.id, key, name, ord = 1, match_designator(name)
  FROM (SELECT n.name, n.ord, match_key(n.name) AS key FROM unnest(array_prepend(NEW.name, NEW.other_names)) WITH ORDINALITY AS n(name, ord)) names
  WHERE key <> ''
  ORDER BY key, ord;
  INSERT INTO organisation_match_trigram (trigram, organisation_id, key)
  SELECT DISTINCT t, NEW.id, n.key FROM organisation_match_name n, unnest(show_trgm(n.key)) AS t WHERE n.organisation_id = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER organisation_match_name_sync AFTER INSERT OR UPDATE OF name, other_names ON organisation
FOR EACH ROW EXECUTE FUNCTION organisation_match_name_sync();

-- Bodies loaded before this migration
INSERT INTO organisation_match_name (organisation_id, key, name, is_current, designator)
SELECT DISTINCT ON (o.id, names.key) o.id, names.key, names.name, names.ord = 1, match_designator(names.name)
FROM organisation o
CROSS JOIN LATERAL (SELECT n.name, n.ord, match_key(n.name) AS key FROM unnest(array_prepend(o.name, o.other_names)) WITH ORDINALITY AS n(name, ord)) names
WHERE names.key <> ''
ORDER BY o.id, names.key, names.ord;
INSERT INTO organisation_match_trigram (trigram, organisation_id, key)
SELECT DISTINCT t, n.organisation_id, n.key FROM organisation_match_name n, unnest(show_trgm(n.key)) AS t;

-- Recounted once per statement that writes organisation (the importer's upsert is one statement)
CREATE FUNCTION organisation_match_trigram_frequency_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM organisation_match_trigram_frequency;
  INSERT INTO organisation_match_trigram_frequency (trigram, names) SELECT trigram, count(*) FROM organisation_match_trigram GROUP BY trigram;
  RETURN NULL;
END
$$;

CREATE TRIGGER organisation_match_trigram_frequency_sync AFTER INSERT OR DELETE OR UPDATE OF name, other_names ON organisation
FOR EACH STATEMENT EXECUTE FUNCTION organisation_match_trigram_frequency_sync();

INSERT INTO organisation_match_trigram_frequency (trigram, names) SELECT trigram, count(*) FROM organisation_match_trigram GROUP BY trigram;
