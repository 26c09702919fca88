-- Hand-written: keyword search over notices moves out of procurement_process into a narrow table.
-- The generated column made every match of a search read a wide row (the table is 3 GB with its
-- JSON at 2 million notices); procurement_search holds only what a search reads and a newest-first
-- page sorts by, so the matches, the capped count and a keyword-only page never touch the wide rows.
CREATE TABLE "procurement_search" (
  "id" INTEGER PRIMARY KEY REFERENCES "procurement_process"("id") ON DELETE CASCADE,
  "published_at" TIMESTAMP(3) NOT NULL,
  "search_vector" tsvector NOT NULL
);
CREATE INDEX "procurement_search_search_vector_idx" ON "procurement_search" USING GIN ("search_vector");
-- A newest-first page of a very common word walks this index and filters, instead of sorting every match
CREATE INDEX "procurement_search_published_at_id_idx" ON "procurement_search" ("published_at", "id");

-- Kept in step per statement (a bulk INSERT ... SELECT writes its rows in one go), from the rows the
-- statement inserted or, for an update, the rows whose title, description or published date changed
CREATE FUNCTION procurement_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO procurement_search (id, published_at, search_vector)
  SELECT n.id, n.published_at, to_tsvector('english', n.title || ' ' || coalesce(n.description, '')) FROM inserted_rows n
  ON CONFLICT (id) DO UPDATE SET published_at = excluded.published_at, search_vector = excluded.search_vector;
  RETURN NULL;
END $$;

CREATE FUNCTION procurement_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO procurement_search (id, published_at, search_vector)
  SELECT n.id, n.published_at, to_tsvector('english', n.title || ' ' || coalesce(n.description, ''))
  FROM updated_rows n LEFT JOIN previous_rows o ON o.id = n.id
  WHERE o.id IS NULL OR (n.title, n.description, n.published_at) IS DISTINCT FROM (o.title, o.description, o.published_at)
  ON CONFLICT (id) DO UPDATE SET published_at = excluded.published_at, search_vector = excluded.search_vector;
  RETURN NULL;
END $$;

CREATE TRIGGER "procurement_search_on_insert" AFTER INSERT ON "procurement_process"
  REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION procurement_search_insert();
CREATE TRIGGER "procurement_search_on_update" AFTER UPDATE ON "procurement_process"
  REFERENCING OLD TABLE AS previous_rows NEW TABLE AS updated_rows FOR EACH STATEMENT EXECUTE FUNCTION procurement_search_update();

INSERT INTO procurement_search (id, published_at, search_vector)
SELECT id, published_at, to_tsvector('english', title || ' ' || coalesce(description, '')) FROM procurement_process;

DROP INDEX "procurement_process_search_vector_idx";
ALTER TABLE "procurement_process" DROP COLUMN "search_vector";
