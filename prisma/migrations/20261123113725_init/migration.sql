-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "organisation" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "code_system" TEXT NOT NULL,
    "ons_code" TEXT,
    "name" TEXT NOT NULL,
    "other_names" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "kind" TEXT NOT NULL,
    "subtype" TEXT,
    "nation" TEXT NOT NULL,
    "parent_id" INTEGER,
    "region_id" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'open',
    "open_date" DATE,
    "close_date" DATE,
    "postcode" TEXT,
    "address" TEXT,
    "website" TEXT,
    "population" INTEGER,
    "population_year" TEXT,
    "population_source" TEXT,
    "source" TEXT NOT NULL,
    "source_as_of" DATE NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "succession" (
    "predecessor_id" INTEGER NOT NULL,
    "successor_id" INTEGER NOT NULL,
    "effective_date" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "note" TEXT,
    "source" TEXT NOT NULL,

    CONSTRAINT "succession_pkey" PRIMARY KEY ("predecessor_id","successor_id")
);

-- CreateTable
CREATE TABLE "allocation" (
    "id" SERIAL NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "financial_year" TEXT NOT NULL,
    "line" TEXT NOT NULL,
    "amount_gbp_thousands" DECIMAL(14,3) NOT NULL,
    "structure" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "allocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "area_overlap" (
    "local_authority_id" INTEGER NOT NULL,
    "icb_id" INTEGER NOT NULL,
    "lsoa_count" INTEGER NOT NULL,
    "lsoa_share" DECIMAL(6,4) NOT NULL,
    "is_primary" BOOLEAN NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "area_overlap_pkey" PRIMARY KEY ("local_authority_id","icb_id")
);

-- CreateTable
CREATE TABLE "service_category" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL,

    CONSTRAINT "service_category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "commissioning_responsibility" (
    "id" SERIAL NOT NULL,
    "service_category_id" INTEGER NOT NULL,
    "nation" TEXT NOT NULL,
    "commissioner_kind" TEXT NOT NULL,
    "organisation_kind" TEXT,
    "commissioner_name" TEXT,
    "commissioner_org_id" INTEGER,
    "arrangement" TEXT NOT NULL,
    "effective_from" DATE,
    "notes" TEXT,
    "source_title" TEXT NOT NULL,
    "source_url" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "row_key" TEXT NOT NULL,

    CONSTRAINT "commissioning_responsibility_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_import" (
    "id" SERIAL NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3) NOT NULL,
    "added" INTEGER NOT NULL,
    "changed" INTEGER NOT NULL,
    "closed" INTEGER NOT NULL,
    "files" JSONB NOT NULL,

    CONSTRAINT "data_import_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organisation_code_key" ON "organisation"("code");

-- CreateIndex
CREATE INDEX "organisation_kind_nation_status_idx" ON "organisation"("kind", "nation", "status");

-- CreateIndex
CREATE INDEX "organisation_parent_id_idx" ON "organisation"("parent_id");

-- CreateIndex
CREATE INDEX "organisation_region_id_idx" ON "organisation"("region_id");

-- CreateIndex
CREATE INDEX "succession_successor_id_idx" ON "succession"("successor_id");

-- CreateIndex
CREATE INDEX "allocation_financial_year_line_idx" ON "allocation"("financial_year", "line");

-- CreateIndex
CREATE UNIQUE INDEX "allocation_organisation_id_financial_year_line_key" ON "allocation"("organisation_id", "financial_year", "line");

-- CreateIndex
CREATE INDEX "area_overlap_icb_id_idx" ON "area_overlap"("icb_id");

-- CreateIndex
CREATE UNIQUE INDEX "service_category_slug_key" ON "service_category"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "commissioning_responsibility_row_key_key" ON "commissioning_responsibility"("row_key");

-- CreateIndex
CREATE INDEX "commissioning_responsibility_service_category_id_nation_idx" ON "commissioning_responsibility"("service_category_id", "nation");

-- CreateIndex
CREATE INDEX "commissioning_responsibility_nation_organisation_kind_idx" ON "commissioning_responsibility"("nation", "organisation_kind");

-- AddForeignKey
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "succession" ADD CONSTRAINT "succession_predecessor_id_fkey" FOREIGN KEY ("predecessor_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "succession" ADD CONSTRAINT "succession_successor_id_fkey" FOREIGN KEY ("successor_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "allocation" ADD CONSTRAINT "allocation_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "area_overlap" ADD CONSTRAINT "area_overlap_local_authority_id_fkey" FOREIGN KEY ("local_authority_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "area_overlap" ADD CONSTRAINT "area_overlap_icb_id_fkey" FOREIGN KEY ("icb_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commissioning_responsibility" ADD CONSTRAINT "commissioning_responsibility_service_category_id_fkey" FOREIGN KEY ("service_category_id") REFERENCES "service_category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commissioning_responsibility" ADD CONSTRAINT "commissioning_responsibility_commissioner_org_id_fkey" FOREIGN KEY ("commissioner_org_id") REFERENCES "organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: the vocabularies of lib/organisations/vocabulary.ts, enforced by the database.
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_kind_check" CHECK ("kind" IN ('national-body', 'nhse-region', 'icb', 'sub-icb-location', 'pcn', 'gp-practice', 'nhs-trust', 'local-authority', 'health-board', 'special-health-board', 'hscp', 'local-health-board', 'welsh-nhs-trust', 'sppg', 'hsc-trust'));
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_nation_check" CHECK ("nation" IN ('england', 'scotland', 'wales', 'northern-ireland'));
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_status_check" CHECK ("status" IN ('open', 'closed'));
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_code_system_check" CHECK ("code_system" IN ('ods', 'ons', 'phs', 'atlas'));
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_closed_has_date_check" CHECK ("status" = 'open' OR "close_date" IS NOT NULL);
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_dates_check" CHECK ("close_date" IS NULL OR "open_date" IS NULL OR "close_date" >= "open_date");
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_population_check" CHECK ("population" IS NULL OR "population" >= 0);
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_not_own_parent_check" CHECK ("parent_id" IS NULL OR "parent_id" <> "id");
ALTER TABLE "succession" ADD CONSTRAINT "succession_not_self_check" CHECK ("predecessor_id" <> "successor_id");
ALTER TABLE "succession" ADD CONSTRAINT "succession_reason_check" CHECK ("reason" IN ('merger', 'split', 'replacement', 'boundary-change'));
ALTER TABLE "commissioning_responsibility" ADD CONSTRAINT "commissioning_responsibility_nation_check" CHECK ("nation" IN ('england', 'scotland', 'wales', 'northern-ireland'));
ALTER TABLE "commissioning_responsibility" ADD CONSTRAINT "commissioning_responsibility_arrangement_check" CHECK ("arrangement" IN ('commissions', 'delegated', 'retained', 'joint', 'provides-and-plans'));
ALTER TABLE "commissioning_responsibility" ADD CONSTRAINT "commissioning_responsibility_commissioner_kind_check" CHECK ("commissioner_kind" IN ('icb', 'nhs-england', 'local-authority', 'health-board', 'integration-authority', 'nhs-national-services-scotland', 'local-health-board', 'nhs-wales-joint-commissioning-committee', 'welsh-government', 'sppg', 'public-health-agency', 'hsc-trust', 'other'));
ALTER TABLE "commissioning_responsibility" ADD CONSTRAINT "commissioning_responsibility_evidence_check" CHECK ("evidence" IN ('direct', 'indirect'));

