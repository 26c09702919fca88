-- AlterTable
ALTER TABLE "organisation" ADD COLUMN     "latest_allocation_gbp_thousands" DECIMAL(14,3),
ADD COLUMN     "latest_allocation_year" TEXT,
ADD COLUMN     "search_text" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "target_list_entry" (
    "id" TEXT NOT NULL,
    "list_id" TEXT NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "stage" TEXT NOT NULL DEFAULT 'identified',
    "added_by_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "target_list_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "target_list_entry_organisation_id_idx" ON "target_list_entry"("organisation_id");

-- CreateIndex
CREATE UNIQUE INDEX "target_list_entry_list_id_organisation_id_key" ON "target_list_entry"("list_id", "organisation_id");

-- CreateIndex
CREATE INDEX "organisation_name_id_idx" ON "organisation"("name", "id");

-- CreateIndex
CREATE INDEX "organisation_population_idx" ON "organisation"("population");

-- CreateIndex
CREATE INDEX "organisation_latest_allocation_gbp_thousands_idx" ON "organisation"("latest_allocation_gbp_thousands");

-- AddForeignKey
ALTER TABLE "target_list_entry" ADD CONSTRAINT "target_list_entry_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "target_list"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_list_entry" ADD CONSTRAINT "target_list_entry_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_list_entry" ADD CONSTRAINT "target_list_entry_added_by_id_fkey" FOREIGN KEY ("added_by_id") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: trigram search over names, codes and former names (typos and word order tolerated).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "organisation_search_text_trgm_idx" ON "organisation" USING GIN ("search_text" gin_trgm_ops);
-- Filters the explorer combines most: kind and status, then sorted by name
CREATE INDEX "organisation_kind_status_name_idx" ON "organisation" ("kind", "status", "name", "id");
CREATE INDEX "organisation_parent_name_idx" ON "organisation" ("parent_id", "name", "id");
CREATE INDEX "organisation_region_kind_idx" ON "organisation" ("region_id", "kind", "status");
ALTER TABLE "target_list_entry" ADD CONSTRAINT "target_list_entry_stage_check" CHECK ("stage" IN ('identified', 'researching', 'engaged', 'proposal', 'won', 'lost'));
