-- Hand-written (Prisma cannot express a generated column or these triggers; neither is in the
-- schema, as procurement_search is not): the explorer's misspelt-name search matches each typed
-- word against a dictionary of the words of every search_text (pg_trgm's way for spelling), then
-- finds the bodies holding the matched words through an array index, instead of computing
-- word_similarity against every candidate body's whole search_text (lib/organisations/explorer.ts).

-- The words of search_text, split where pg_trgm splits them: runs of alphanumerics in the
-- database's locale ("a’r" is "a" and "r"; "é" is a letter). Then, for a name written with a hyphen
-- or an apostrophe, the same run of letters without them ("stoke-on-trent" also gives
-- "stokeontrent", "king’s" "kings"): word_similarity against the whole text found a word typed
-- that way by an extent spanning the parts, which single words cannot do. Not for runs with a digit
-- (codes: "z12-a81001" of every bench copy), which are matched as substrings, never fuzzily.
-- tests/organisations/search-words.test.ts checks both on the real data.
CREATE FUNCTION search_text_words(search_text text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN array_remove(regexp_split_to_array(search_text, '[^[:alnum:]]+'), '') || ARRAY(
  SELECT DISTINCT regexp_replace(t, '[^[:alnum:]]+', '', 'g') FROM regexp_split_to_table(search_text, '\s+') t
  WHERE t ~ '[[:alnum:]][^[:alnum:]]+[[:alnum:]]' AND t !~ '[0-9]' ORDER BY 1);
ALTER TABLE "organisation" ADD COLUMN "search_words" TEXT[] GENERATED ALWAYS AS (search_text_words("search_text")) STORED;
CREATE INDEX "organisation_search_words_idx" ON "organisation" USING GIN ("search_words");

-- Every distinct word of every search_text: tens of thousands, however many bodies share them.
-- Only added to: a word no body holds any more matches no body, so it is harmless.
CREATE TABLE "search_word" ("word" TEXT PRIMARY KEY);
INSERT INTO "search_word" ("word") SELECT DISTINCT w FROM "organisation", unnest("search_words") w;
CREATE INDEX "search_word_trgm_idx" ON "search_word" USING GIN ("word" gin_trgm_ops);

-- Inserts (the importer's new bodies, the bench generator's 670,000) add their words once per
-- statement, from the transition table
CREATE FUNCTION search_word_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_word (word) SELECT DISTINCT w FROM added, unnest(added.search_words) w ON CONFLICT (word) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER organisation_search_word_inserted AFTER INSERT ON organisation
REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_word_inserted();

-- A renamed body (an import's update of search_text) adds its new words. Per row, and only when the
-- text changed: PostgreSQL allows no column list on a trigger with transition tables, and one on
-- every UPDATE of organisation would capture every updated row (parents, patients, allocations).
CREATE FUNCTION search_word_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_word (word) SELECT DISTINCT w FROM unnest(NEW.search_words) w ON CONFLICT (word) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER organisation_search_word_renamed AFTER UPDATE OF search_text ON organisation
FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text) EXECUTE FUNCTION search_word_renamed();
