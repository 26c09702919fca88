-- CreateTable
CREATE TABLE "follow" (
    "id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "user_id" TEXT,
    "target" TEXT NOT NULL,
    "organisation_id" INTEGER,
    "descendants" BOOLEAN NOT NULL DEFAULT false,
    "view_id" TEXT,
    "list_id" TEXT,
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "follow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "followed_view_match" (
    "follow_id" TEXT NOT NULL,
    "organisation_id" INTEGER NOT NULL,

    CONSTRAINT "followed_view_match_pkey" PRIMARY KEY ("follow_id","organisation_id")
);

-- CreateTable
CREATE TABLE "alert_event" (
    "id" BIGSERIAL NOT NULL,
    "team_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "organisation_code" TEXT,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "link" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "source_url" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "occurred_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" BIGSERIAL NOT NULL,
    "event_id" BIGINT NOT NULL,
    "team_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "read_at" TIMESTAMP(3),
    "email" TEXT NOT NULL DEFAULT 'off',
    "emailed_at" TIMESTAMP(3),
    "email_delivery_id" BIGINT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_preference" (
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "in_app" BOOLEAN NOT NULL DEFAULT true,
    "email" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "notification_preference_pkey" PRIMARY KEY ("user_id","kind")
);

-- CreateTable
CREATE TABLE "email_delivery" (
    "id" BIGSERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'sending',
    "subject" TEXT,
    "message_id" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP(3),

    CONSTRAINT "email_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_endpoint" (
    "id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "secret_sealed" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "webhook_endpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_delivery" (
    "id" BIGSERIAL NOT NULL,
    "webhook_id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "event_id" BIGINT,
    "event_kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3),
    "last_status" INTEGER,
    "last_error" TEXT,
    "first_attempt_at" TIMESTAMP(3),
    "delivered_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_source" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_source_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "follow_team_id_user_id_idx" ON "follow"("team_id", "user_id");

-- CreateIndex
CREATE INDEX "follow_organisation_id_idx" ON "follow"("organisation_id");

-- CreateIndex
CREATE INDEX "follow_view_id_idx" ON "follow"("view_id");

-- CreateIndex
CREATE INDEX "follow_list_id_idx" ON "follow"("list_id");

-- CreateIndex
CREATE INDEX "alert_event_team_id_created_at_idx" ON "alert_event"("team_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "alert_event_team_id_key_key" ON "alert_event"("team_id", "key");

-- CreateIndex
CREATE INDEX "notification_user_id_team_id_created_at_idx" ON "notification"("user_id", "team_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "notification_event_id_user_id_key" ON "notification"("event_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "email_delivery_key_key" ON "email_delivery"("key");

-- CreateIndex
CREATE INDEX "email_delivery_user_id_created_at_idx" ON "email_delivery"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "webhook_endpoint_team_id_idx" ON "webhook_endpoint"("team_id");

-- CreateIndex
CREATE INDEX "webhook_delivery_webhook_id_created_at_idx" ON "webhook_delivery"("webhook_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "webhook_delivery_status_next_attempt_at_idx" ON "webhook_delivery"("status", "next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_delivery_webhook_id_event_id_key" ON "webhook_delivery"("webhook_id", "event_id");

-- AddForeignKey
ALTER TABLE "follow" ADD CONSTRAINT "follow_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow" ADD CONSTRAINT "follow_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow" ADD CONSTRAINT "follow_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow" ADD CONSTRAINT "follow_view_id_fkey" FOREIGN KEY ("view_id") REFERENCES "saved_view"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow" ADD CONSTRAINT "follow_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "target_list"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow" ADD CONSTRAINT "follow_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "followed_view_match" ADD CONSTRAINT "followed_view_match_follow_id_fkey" FOREIGN KEY ("follow_id") REFERENCES "follow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_event" ADD CONSTRAINT "alert_event_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "alert_event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_email_delivery_id_fkey" FOREIGN KEY ("email_delivery_id") REFERENCES "email_delivery"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_preference" ADD CONSTRAINT "notification_preference_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "email_delivery" ADD CONSTRAINT "email_delivery_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "webhook_endpoint_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "webhook_endpoint_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES "webhook_endpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "alert_event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------- Hand-written: vocabularies, one follow per thing, the outbox triggers ----------

ALTER TABLE "follow" ADD CONSTRAINT "follow_target_check" CHECK (
  ("target" = 'organisation' AND "organisation_id" IS NOT NULL AND "view_id" IS NULL AND "list_id" IS NULL)
  OR ("target" = 'view' AND "view_id" IS NOT NULL AND "organisation_id" IS NULL AND "list_id" IS NULL AND NOT "descendants")
  OR ("target" = 'list' AND "list_id" IS NOT NULL AND "organisation_id" IS NULL AND "view_id" IS NULL AND NOT "descendants")
);
-- One follow per follower (a user, or the team's watchlist) and thing
CREATE UNIQUE INDEX "follow_once" ON "follow" ("team_id", COALESCE("user_id", ''), "target", COALESCE("organisation_id", 0), COALESCE("view_id", ''), COALESCE("list_id", ''));

ALTER TABLE "alert_event" ADD CONSTRAINT "alert_event_kind_check" CHECK ("kind" IN ('notice.published', 'contract.ending', 'structure.changed', 'view.matched', 'note.mentioned', 'entry.due'));
ALTER TABLE "notification" ADD CONSTRAINT "notification_kind_check" CHECK ("kind" IN ('notice.published', 'contract.ending', 'structure.changed', 'view.matched', 'note.mentioned', 'entry.due'));
ALTER TABLE "notification" ADD CONSTRAINT "notification_email_check" CHECK ("email" IN ('off', 'instant', 'daily', 'weekly'));
ALTER TABLE "notification_preference" ADD CONSTRAINT "notification_preference_kind_check" CHECK ("kind" IN ('notice.published', 'contract.ending', 'structure.changed', 'view.matched', 'note.mentioned', 'entry.due'));
ALTER TABLE "notification_preference" ADD CONSTRAINT "notification_preference_email_check" CHECK ("email" IN ('off', 'instant', 'daily', 'weekly'));
ALTER TABLE "email_delivery" ADD CONSTRAINT "email_delivery_frequency_check" CHECK ("frequency" IN ('instant', 'daily', 'weekly'));
ALTER TABLE "email_delivery" ADD CONSTRAINT "email_delivery_status_check" CHECK ("status" IN ('sending', 'sent', 'failed'));
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_status_check" CHECK ("status" IN ('pending', 'succeeded', 'failed'));
ALTER TABLE "alert_source" ADD CONSTRAINT "alert_source_source_check" CHECK ("source" IN ('release', 'process', 'change', 'note', 'import'));

-- Unread notifications of a user, newest first (the header's count and the inbox's filter)
CREATE INDEX "notification_unread" ON "notification" ("user_id", "team_id", "created_at" DESC) WHERE "read_at" IS NULL;
-- What digests still have to carry
CREATE INDEX "notification_email_pending" ON "notification" ("email", "user_id", "created_at") WHERE "email" <> 'off' AND "emailed_at" IS NULL;

-- The outbox: each trigger writes one row per new row of its table, in the same transaction, so
-- nothing is seen before it commits and nothing is lost while no worker runs. Statement-level
-- triggers with transition tables: an import of 10,000 releases is one INSERT ... SELECT.
CREATE FUNCTION "alert_source_from_release"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "alert_source" ("source", "ref") SELECT 'release', n."id"::text FROM new_rows n;
  RETURN NULL;
END $$;
CREATE TRIGGER "alert_source_release" AFTER INSERT ON "procurement_release"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "alert_source_from_release"();

-- A reshaped notice (the shipped CSV) has no releases: the process itself is the news
CREATE FUNCTION "alert_source_from_process"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "alert_source" ("source", "ref") SELECT 'process', n."id"::text FROM new_rows n WHERE n."origin" = 'reshaped';
  RETURN NULL;
END $$;
CREATE TRIGGER "alert_source_process" AFTER INSERT ON "procurement_process"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "alert_source_from_process"();

CREATE FUNCTION "alert_source_from_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "alert_source" ("source", "ref") SELECT 'change', n."id"::text FROM new_rows n;
  RETURN NULL;
END $$;
CREATE TRIGGER "alert_source_change" AFTER INSERT ON "change_event"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "alert_source_from_change"();

CREATE FUNCTION "alert_source_from_import"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "alert_source" ("source", "ref") SELECT 'import', n."id"::text FROM new_rows n;
  RETURN NULL;
END $$;
CREATE TRIGGER "alert_source_import" AFTER INSERT ON "data_import"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "alert_source_from_import"();

-- A note's text, new or edited (a mention added by an edit is news; the version tells them apart)
CREATE FUNCTION "alert_source_from_note"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW."body" IS DISTINCT FROM OLD."body" THEN
    INSERT INTO "alert_source" ("source", "ref") VALUES ('note', NEW."id" || ':' || NEW."version");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "alert_source_note" AFTER INSERT OR UPDATE OF "body" ON "note"
  FOR EACH ROW EXECUTE FUNCTION "alert_source_from_note"();
