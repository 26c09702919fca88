-- AlterTable
ALTER TABLE "target_list_entry" ADD COLUMN     "estimated_value_gbp" DECIMAL(14,2),
ADD COLUMN     "lost_reason" TEXT,
ADD COLUMN     "next_step" TEXT,
ADD COLUMN     "next_step_date" DATE,
ADD COLUMN     "owner_id" TEXT,
ADD COLUMN     "priority" TEXT,
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "note" ADD COLUMN     "contact_id" TEXT,
ADD COLUMN     "entry_id" TEXT,
ADD COLUMN     "pinned" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "note_version" (
    "id" TEXT NOT NULL,
    "note_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "pinned" BOOLEAN NOT NULL,
    "action" TEXT NOT NULL,
    "edited_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "note_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contact" (
    "id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "organisation_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" TEXT NOT NULL,
    "deleted_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "contact_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "note_version_note_id_version_key" ON "note_version"("note_id", "version");

-- CreateIndex
CREATE INDEX "contact_team_id_organisation_code_idx" ON "contact"("team_id", "organisation_code");

-- CreateIndex
CREATE INDEX "target_list_entry_list_id_stage_idx" ON "target_list_entry"("list_id", "stage");

-- CreateIndex
CREATE INDEX "note_team_id_created_at_idx" ON "note"("team_id", "created_at");

-- AddForeignKey
ALTER TABLE "target_list_entry" ADD CONSTRAINT "target_list_entry_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "note" DROP CONSTRAINT IF EXISTS "note_organisation_code_fkey";
ALTER TABLE "note" ADD CONSTRAINT "note_organisation_code_fkey" FOREIGN KEY ("organisation_code") REFERENCES "organisation"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "note" ADD CONSTRAINT "note_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "target_list_entry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "note" ADD CONSTRAINT "note_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "note_version" ADD CONSTRAINT "note_version_note_id_fkey" FOREIGN KEY ("note_id") REFERENCES "note"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "note_version" ADD CONSTRAINT "note_version_edited_by_id_fkey" FOREIGN KEY ("edited_by_id") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact" ADD CONSTRAINT "contact_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact" ADD CONSTRAINT "contact_organisation_code_fkey" FOREIGN KEY ("organisation_code") REFERENCES "organisation"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact" ADD CONSTRAINT "contact_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: vocabularies, invariants and full-text search over notes.
ALTER TABLE "target_list_entry" ADD CONSTRAINT "target_list_entry_priority_check" CHECK ("priority" IS NULL OR "priority" IN ('high', 'medium', 'low'));
ALTER TABLE "target_list_entry" ADD CONSTRAINT "target_list_entry_lost_reason_check" CHECK ("stage" <> 'lost' OR length(btrim(coalesce("lost_reason", ''))) > 0);
ALTER TABLE "target_list_entry" ADD CONSTRAINT "target_list_entry_value_check" CHECK ("estimated_value_gbp" IS NULL OR "estimated_value_gbp" >= 0);
ALTER TABLE "note_version" ADD CONSTRAINT "note_version_action_check" CHECK ("action" IN ('created', 'edited', 'deleted', 'restored', 'pinned', 'unpinned'));
ALTER TABLE "note" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', "body")) STORED;
CREATE INDEX "note_search_vector_idx" ON "note" USING GIN ("search_vector");
