// Runs one composed statement (lib/db/sql) through Prisma: one round trip.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Sql } from "@/lib/db/sql";

export async function rows<T>(db: PrismaClient, statement: Sql): Promise<T[]> {
  const { text, values } = statement.build();
  return db.$queryRawUnsafe<T[]>(text, ...values);
}
