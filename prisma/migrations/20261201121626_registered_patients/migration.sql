-- AlterTable
ALTER TABLE "organisation" ADD COLUMN     "registered_patients" INTEGER,
ADD COLUMN     "registered_patients_month" TEXT,
ADD COLUMN     "registered_patients_source" TEXT;

-- CreateIndex
CREATE INDEX "organisation_registered_patients_idx" ON "organisation"("registered_patients");

-- Hand-written: a count is never negative and always says which month it describes; and the
-- explorer's "PCNs (or practices) by registered patients" walks an index in sort order, as it
-- does for population (see 20261123130500_explorer_sort_indexes).
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_registered_patients_check"
  CHECK ("registered_patients" IS NULL OR ("registered_patients" >= 0 AND "registered_patients_month" ~ '^\d{4}-\d{2}$'));
CREATE INDEX "organisation_kind_status_registered_patients_asc_idx" ON "organisation" ("kind", "status", "registered_patients" ASC NULLS LAST, "id");
CREATE INDEX "organisation_kind_status_registered_patients_desc_idx" ON "organisation" ("kind", "status", "registered_patients" DESC NULLS LAST, "id");
