// The benchmark's own database, "atlas_bench": on DATABASE_URL's server when it is set, otherwise on
// the embedded PostgreSQL in .data/pg (started here, or reused when it is already running). The
// app's own database is never opened.
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../lib/db/embedded";
import { EMBEDDED_DATA_DIR, EMBEDDED_DATABASE } from "../../lib/db/runtime";

export const BENCH_DATABASE = "atlas_bench";

export type BenchServer = {
  /** URL of the atlas_bench database */
  url: string;
  /** Where it runs, for the report */
  where: string;
  exists(): Promise<boolean>;
  create(): Promise<void>;
  drop(): Promise<void>;
  /** Stops the embedded server only when this process started it */
  stop(): Promise<void>;
};

async function onAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function openBenchServer(log: (line: string) => void): Promise<BenchServer> {
  let adminUrl: string;
  let url: string;
  let where: string;
  let embedded: EmbeddedServer | null = null;
  const external = process.env.DATABASE_URL;
  if (external) {
    const parsed = new URL(external);
    const appDatabase = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
    if (appDatabase === BENCH_DATABASE) throw new Error(`DATABASE_URL already names "${BENCH_DATABASE}": point it at the app's database; the benchmark creates its own next to it.`);
    // CREATE/DROP DATABASE run from the database the URL names (any database on the server works)
    adminUrl = external;
    parsed.pathname = `/${BENCH_DATABASE}`;
    url = parsed.toString();
    where = `DATABASE_URL's server (${parsed.hostname}:${parsed.port || 5432}), database ${BENCH_DATABASE}`;
  } else {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    embedded = await startEmbeddedPostgres({
      dataDir: EMBEDDED_DATA_DIR,
      port,
      log: (m) => (process.env.ATLAS_DEBUG || m.startsWith("[db]")) && log(m),
    });
    adminUrl = embedded.urlFor("postgres");
    url = embedded.urlFor(BENCH_DATABASE);
    where = `embedded PostgreSQL in ${embedded.dataDir} (port ${embedded.port}), database ${BENCH_DATABASE} (the app's "${EMBEDDED_DATABASE}" is not touched)`;
  }
  const quoted = `"${BENCH_DATABASE}"`;
  return {
    url,
    where,
    exists: () => onAdmin(adminUrl, async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [BENCH_DATABASE])).rowCount === 1),
    create: () => onAdmin(adminUrl, async (c) => void (await c.query(`CREATE DATABASE ${quoted}`))),
    drop: () => onAdmin(adminUrl, async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`))),
    stop: async () => embedded?.stop(),
  };
}
