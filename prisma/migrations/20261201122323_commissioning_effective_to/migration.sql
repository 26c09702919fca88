-- AlterTable
ALTER TABLE "commissioning_responsibility" ADD COLUMN     "effective_to" DATE;

-- An arrangement cannot end before it starts (the importer refuses such a row first)
ALTER TABLE "commissioning_responsibility" ADD CONSTRAINT "commissioning_responsibility_dates"
  CHECK ("effective_to" IS NULL OR "effective_from" IS NULL OR "effective_to" >= "effective_from");
