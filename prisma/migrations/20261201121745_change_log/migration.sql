-- CreateTable
CREATE TABLE "change_event" (
    "id" SERIAL NOT NULL,
    "effective_date" DATE NOT NULL,
    "import_id" INTEGER,
    "type" TEXT NOT NULL,
    "codes" TEXT[],
    "nations" TEXT[],
    "kinds" TEXT[],
    "summary" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "source" TEXT NOT NULL,
    "source_url" TEXT,
    "history_key" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "change_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "change_event_history_key_key" ON "change_event"("history_key");

-- CreateIndex
CREATE INDEX "change_event_codes_idx" ON "change_event" USING GIN ("codes");

-- CreateIndex
CREATE INDEX "change_event_effective_date_id_idx" ON "change_event"("effective_date", "id");

-- AddForeignKey
ALTER TABLE "change_event" ADD CONSTRAINT "change_event_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "data_import"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: the change types of lib/changes/vocabulary.ts
ALTER TABLE "change_event" ADD CONSTRAINT "change_event_type_check" CHECK ("type" IN ('opened', 'closed', 'renamed', 'moved', 'merged', 'split', 'figures', 'commissioning'));
