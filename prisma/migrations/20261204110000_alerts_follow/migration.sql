-- A member removed from a team stops receiving its alerts at once, whatever path removed them
-- (the API, the Team page, an operator's SQL): their own follows in that team go, and notifications
-- not yet emailed are no longer to be emailed (they stay in the data, unseen: the session guard
-- refuses the team to them). The team's watchlist (user_id NULL) is the team's and stays.
CREATE FUNCTION "alerts_member_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "follow" WHERE "team_id" = OLD."team_id" AND "user_id" = OLD."user_id";
  UPDATE "notification" SET "email" = 'off'
    WHERE "team_id" = OLD."team_id" AND "user_id" = OLD."user_id" AND "email" <> 'off' AND "emailed_at" IS NULL;
  RETURN OLD;
END;
$$;

CREATE TRIGGER "alerts_member_removed" AFTER DELETE ON "membership" FOR EACH ROW EXECUTE FUNCTION "alerts_member_removed"();
