-- CreateTable
CREATE TABLE "target_list_entry_event" (
    "id" TEXT NOT NULL,
    "entry_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "from_code" TEXT NOT NULL,
    "from_name" TEXT NOT NULL,
    "to_code" TEXT NOT NULL,
    "to_name" TEXT NOT NULL,
    "fields" JSONB,
    "by_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "target_list_entry_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "target_list_entry_event_entry_id_created_at_idx" ON "target_list_entry_event"("entry_id", "created_at");

-- AddForeignKey
ALTER TABLE "target_list_entry_event" ADD CONSTRAINT "target_list_entry_event_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "target_list_entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_list_entry_event" ADD CONSTRAINT "target_list_entry_event_by_id_fkey" FOREIGN KEY ("by_id") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
