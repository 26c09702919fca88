import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from "./embedded";
import { migrate } from "./migrate";

export const EMBEDDED_DATA_DIR = path.join(process.cwd(), ".data", "pg");
export const EMBEDDED_DATABASE = "atlas";

export type DatabaseHandle = { url: string; embedded: EmbeddedServer | null; stop(): Promise<void> };

/**
 * The database for CLI commands and `npm start`: DATABASE_URL when it is set, otherwise the
 * embedded PostgreSQL under .data/pg (started here, or reused if already running). Migrated either way.
 */
export async function openDatabase(log: (line: string) => void = console.log): Promise<DatabaseHandle> {
  let url = process.env.DATABASE_URL;
  let embedded: EmbeddedServer | null = null;
  if (!url) {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    // The server's own log only with ATLAS_DEBUG; our "[db]" lines always
    embedded = await startEmbeddedPostgres({ dataDir: EMBEDDED_DATA_DIR, port, log: (m) => (process.env.ATLAS_DEBUG || m.startsWith("[db]")) && log(m) });
    log(`[db] DATABASE_URL is not set: using the embedded PostgreSQL with its data in ${embedded.dataDir.startsWith(process.cwd()) ? path.relative(process.cwd(), embedded.dataDir) : embedded.dataDir} (port ${port})`);
    await ensureDatabase(embedded, EMBEDDED_DATABASE);
    url = embedded.urlFor(EMBEDDED_DATABASE);
  }
  const result = await migrate(url, log);
  log(`[db] migrations: ${result.applied.length} applied, ${result.alreadyApplied} already in place`);
  return { url, embedded, stop: async () => embedded?.stop() };
}
