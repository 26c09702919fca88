import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

const globalForPrisma = globalThis as unknown as { atlasPrisma?: PrismaClient };

/** The app's one Prisma client (kept on globalThis so dev-server reloads do not open new pools). */
export function getDb(): PrismaClient {
  if (!globalForPrisma.atlasPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which sets it for the embedded database.");
    globalForPrisma.atlasPrisma = createPrismaClient(url);
  }
  return globalForPrisma.atlasPrisma;
}
