-- CreateTable
CREATE TABLE "team_list_member" (
    "team_id" TEXT NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "nation" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "parent_id" INTEGER,
    "region_id" INTEGER,
    "population" INTEGER,
    "registered_patients" INTEGER,
    "latest_allocation_gbp_thousands" DECIMAL(14,3),
    "stages" TEXT[],

    CONSTRAINT "team_list_member_pkey" PRIMARY KEY ("team_id","organisation_id")
);

-- CreateIndex
CREATE INDEX "team_list_member_organisation_id_idx" ON "team_list_member"("organisation_id");

-- CreateIndex
CREATE INDEX "team_list_member_team_id_status_name_organisation_id_idx" ON "team_list_member"("team_id", "status", "name", "organisation_id");

-- CreateIndex
CREATE INDEX "team_list_member_team_id_kind_status_name_organisation_id_idx" ON "team_list_member"("team_id", "kind", "status", "name", "organisation_id");

-- Hand-written: team_list_member is derived data, kept in step by the triggers below whoever writes
-- the lists (the app, a test fixture, the bench's generator, an operator).

-- Makes the bodies' rows match their entries: a row for each team with one of them on an active
-- list, carrying the body's columns and its entries' stages; none for the others. The bodies' own rows are locked first
-- (FOR NO KEY UPDATE: an entry's foreign-key check still passes), so two transactions changing
-- entries of one body take turns, and the second, in a fresh snapshot, sees what the first did.
CREATE FUNCTION team_list_member_refresh(bodies integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM organisation WHERE id = ANY(bodies) ORDER BY id FOR NO KEY UPDATE;
  DELETE FROM team_list_member m
  WHERE m.organisation_id = ANY(bodies)
    AND NOT EXISTS (
      SELECT 1 FROM target_list_entry e JOIN target_list l ON l.id = e.list_id
      WHERE e.organisation_id = m.organisation_id AND l.team_id = m.team_id AND l.archived_at IS NULL);
  INSERT INTO team_list_member (team_id, organisation_id, code, name, kind, nation, status, parent_id, region_id, population, registered_patients, latest_allocation_gbp_thousands, stages)
  SELECT l.team_id, o.id, o.code, o.name, o.kind, o.nation, o.status, o.parent_id, o.region_id, o.population, o.registered_patients, o.latest_allocation_gbp_thousands,
    array_agg(DISTINCT e.stage ORDER BY e.stage)
  FROM target_list_entry e JOIN target_list l ON l.id = e.list_id JOIN organisation o ON o.id = e.organisation_id
  WHERE e.organisation_id = ANY(bodies) AND l.archived_at IS NULL
  GROUP BY l.team_id, o.id
  ON CONFLICT (team_id, organisation_id) DO UPDATE SET stages = EXCLUDED.stages;
END
$$;

-- One refresh per statement (the generator adds 100,000 entries in a few statements)
CREATE FUNCTION team_list_member_entries_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM team_list_member_refresh(ARRAY(SELECT DISTINCT organisation_id FROM changed));
  RETURN NULL;
END
$$;
CREATE TRIGGER team_list_member_entries_added AFTER INSERT ON target_list_entry
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION team_list_member_entries_added();

-- Also when a list's deletion removes its entries (the cascade fires it)
CREATE TRIGGER team_list_member_entries_removed AFTER DELETE ON target_list_entry
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION team_list_member_entries_added();

-- An entry moved to another list, body or stage (a change of owner or next step needs nothing); a
-- list archived, restored or given to another team
CREATE FUNCTION team_list_member_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'target_list_entry' THEN
    PERFORM team_list_member_refresh(ARRAY(
      SELECT DISTINCT unnest(ARRAY[b.organisation_id, a.organisation_id]) FROM before b JOIN after a ON a.id = b.id
      WHERE a.list_id <> b.list_id OR a.organisation_id <> b.organisation_id OR a.stage <> b.stage));
  ELSE
    PERFORM team_list_member_refresh(ARRAY(
      SELECT DISTINCT e.organisation_id FROM before b JOIN after a ON a.id = b.id JOIN target_list_entry e ON e.list_id = a.id
      WHERE (a.archived_at IS NULL) <> (b.archived_at IS NULL) OR a.team_id <> b.team_id));
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER team_list_member_entries_moved AFTER UPDATE ON target_list_entry
REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION team_list_member_updated();
CREATE TRIGGER team_list_member_lists_changed AFTER UPDATE ON target_list
REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION team_list_member_updated();

-- A body's copied columns changed (an import, a closure): its rows follow
CREATE FUNCTION team_list_member_body_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE team_list_member SET code = NEW.code, name = NEW.name, kind = NEW.kind, nation = NEW.nation, status = NEW.status,
    parent_id = NEW.parent_id, region_id = NEW.region_id, population = NEW.population,
    registered_patients = NEW.registered_patients, latest_allocation_gbp_thousands = NEW.latest_allocation_gbp_thousands
  WHERE organisation_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER team_list_member_body_changed AFTER UPDATE ON organisation FOR EACH ROW
WHEN ((OLD.code, OLD.name, OLD.kind, OLD.nation, OLD.status, OLD.parent_id, OLD.region_id, OLD.population, OLD.registered_patients, OLD.latest_allocation_gbp_thousands)
  IS DISTINCT FROM (NEW.code, NEW.name, NEW.kind, NEW.nation, NEW.status, NEW.parent_id, NEW.region_id, NEW.population, NEW.registered_patients, NEW.latest_allocation_gbp_thousands))
EXECUTE FUNCTION team_list_member_body_changed();

-- Lists made before this migration
INSERT INTO team_list_member (team_id, organisation_id, code, name, kind, nation, status, parent_id, region_id, population, registered_patients, latest_allocation_gbp_thousands, stages)
SELECT l.team_id, o.id, o.code, o.name, o.kind, o.nation, o.status, o.parent_id, o.region_id, o.population, o.registered_patients, o.latest_allocation_gbp_thousands,
  array_agg(DISTINCT e.stage ORDER BY e.stage)
FROM target_list_entry e JOIN target_list l ON l.id = e.list_id JOIN organisation o ON o.id = e.organisation_id
WHERE l.archived_at IS NULL
GROUP BY l.team_id, o.id;
