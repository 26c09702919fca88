-- DropIndex
DROP INDEX "saved_view_team_id_name_key";

-- AlterTable
ALTER TABLE "user_account" ADD COLUMN     "is_operator" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "saved_view" ADD COLUMN     "page" TEXT NOT NULL DEFAULT 'explorer';

-- CreateTable
CREATE TABLE "procurement_process" (
    "id" SERIAL NOT NULL,
    "ocid" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "cpv_codes" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "procedure" TEXT,
    "status" TEXT NOT NULL,
    "value_min" DECIMAL(18,2),
    "value_max" DECIMAL(18,2),
    "currency" TEXT,
    "published_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "tender_deadline" TIMESTAMP(3),
    "award_date" DATE,
    "contract_start" DATE,
    "contract_end" DATE,
    "lots" JSONB NOT NULL DEFAULT '[]',
    "suppliers" JSONB NOT NULL DEFAULT '[]',
    "supplier_names" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "buyer_name" TEXT NOT NULL,
    "buyer_identifier" TEXT,
    "buyer_key" TEXT NOT NULL,
    "buyer_code" TEXT,
    "buyer_match_method" TEXT,
    "buyer_matched_by" TEXT,
    "url" TEXT,
    "compiled" JSONB NOT NULL,
    "release_count" INTEGER NOT NULL DEFAULT 0,
    "imported_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "procurement_process_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "procurement_release" (
    "id" BIGSERIAL NOT NULL,
    "ocid" TEXT NOT NULL,
    "release_id" TEXT NOT NULL,
    "date" TIMESTAMP(3) NOT NULL,
    "tags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "source" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "imported_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "procurement_release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "procurement_buyer_match" (
    "buyer_key" TEXT NOT NULL,
    "buyer_name" TEXT NOT NULL,
    "organisation_code" TEXT NOT NULL,
    "matched_by_id" TEXT,
    "matched_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "procurement_buyer_match_pkey" PRIMARY KEY ("buyer_key")
);

-- CreateTable
CREATE TABLE "spend_line" (
    "id" BIGSERIAL NOT NULL,
    "payer_name" TEXT NOT NULL,
    "payer_code" TEXT,
    "payment_date" DATE NOT NULL,
    "supplier_name" TEXT NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "source" TEXT NOT NULL,
    "line_key" TEXT NOT NULL,
    "imported_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spend_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "procurement_sync_state" (
    "source" TEXT NOT NULL,
    "cursor" TEXT,
    "since" TIMESTAMP(3),
    "status" TEXT NOT NULL,
    "pages_fetched" INTEGER NOT NULL DEFAULT 0,
    "releases_seen" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "procurement_sync_state_pkey" PRIMARY KEY ("source")
);

-- CreateIndex
CREATE UNIQUE INDEX "procurement_process_ocid_key" ON "procurement_process"("ocid");

-- CreateIndex
CREATE INDEX "procurement_process_buyer_code_published_at_idx" ON "procurement_process"("buyer_code", "published_at");

-- CreateIndex
CREATE INDEX "procurement_process_buyer_key_idx" ON "procurement_process"("buyer_key");

-- CreateIndex
CREATE INDEX "procurement_process_contract_end_idx" ON "procurement_process"("contract_end");

-- CreateIndex
CREATE INDEX "procurement_process_published_at_id_idx" ON "procurement_process"("published_at", "id");

-- CreateIndex
CREATE INDEX "procurement_process_status_tender_deadline_idx" ON "procurement_process"("status", "tender_deadline");

-- CreateIndex
CREATE UNIQUE INDEX "procurement_release_ocid_release_id_key" ON "procurement_release"("ocid", "release_id");

-- CreateIndex
CREATE INDEX "procurement_buyer_match_organisation_code_idx" ON "procurement_buyer_match"("organisation_code");

-- CreateIndex
CREATE UNIQUE INDEX "spend_line_line_key_key" ON "spend_line"("line_key");

-- CreateIndex
CREATE INDEX "spend_line_payer_code_payment_date_idx" ON "spend_line"("payer_code", "payment_date");

-- CreateIndex
CREATE UNIQUE INDEX "saved_view_team_id_page_name_key" ON "saved_view"("team_id", "page", "name");

-- AddForeignKey
ALTER TABLE "procurement_process" ADD CONSTRAINT "procurement_process_buyer_code_fkey" FOREIGN KEY ("buyer_code") REFERENCES "organisation"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "procurement_release" ADD CONSTRAINT "procurement_release_ocid_fkey" FOREIGN KEY ("ocid") REFERENCES "procurement_process"("ocid") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "procurement_buyer_match" ADD CONSTRAINT "procurement_buyer_match_organisation_code_fkey" FOREIGN KEY ("organisation_code") REFERENCES "organisation"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "procurement_buyer_match" ADD CONSTRAINT "procurement_buyer_match_matched_by_id_fkey" FOREIGN KEY ("matched_by_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spend_line" ADD CONSTRAINT "spend_line_payer_code_fkey" FOREIGN KEY ("payer_code") REFERENCES "organisation"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: the vocabularies of lib/procurement/vocabulary.ts, and full-text search over notices.
ALTER TABLE "procurement_process" ADD CONSTRAINT "procurement_process_source_check" CHECK ("source" IN ('contracts-finder', 'find-a-tender', 'sell2wales', 'public-contracts-scotland'));
ALTER TABLE "procurement_process" ADD CONSTRAINT "procurement_process_origin_check" CHECK ("origin" IN ('ocds', 'reshaped'));
ALTER TABLE "procurement_process" ADD CONSTRAINT "procurement_process_status_check" CHECK ("status" IN ('planned', 'open', 'closed', 'awarded', 'cancelled', 'unknown'));
ALTER TABLE "procurement_process" ADD CONSTRAINT "procurement_process_buyer_match_method_check" CHECK ("buyer_match_method" IS NULL OR "buyer_match_method" IN ('identifier', 'name', 'alias', 'manual'));
ALTER TABLE "procurement_process" ADD CONSTRAINT "procurement_process_buyer_match_check" CHECK (("buyer_code" IS NULL) = ("buyer_match_method" IS NULL));
ALTER TABLE "procurement_process" ADD CONSTRAINT "procurement_process_value_check" CHECK ("value_min" IS NULL OR "value_max" IS NULL OR "value_min" <= "value_max");
ALTER TABLE "procurement_release" ADD CONSTRAINT "procurement_release_source_check" CHECK ("source" IN ('contracts-finder', 'find-a-tender', 'sell2wales', 'public-contracts-scotland'));
ALTER TABLE "procurement_sync_state" ADD CONSTRAINT "procurement_sync_state_source_check" CHECK ("source" IN ('contracts-finder', 'find-a-tender'));
ALTER TABLE "procurement_sync_state" ADD CONSTRAINT "procurement_sync_state_status_check" CHECK ("status" IN ('running', 'done', 'failed'));
ALTER TABLE "saved_view" ADD CONSTRAINT "saved_view_page_check" CHECK ("page" IN ('explorer', 'contracts'));
ALTER TABLE "procurement_process" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', "title" || ' ' || coalesce("description", ''))) STORED;
CREATE INDEX "procurement_process_search_vector_idx" ON "procurement_process" USING GIN ("search_vector");
CREATE INDEX "procurement_process_cpv_codes_idx" ON "procurement_process" USING GIN ("cpv_codes");
