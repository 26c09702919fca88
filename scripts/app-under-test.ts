// The production build of the app on a throwaway embedded PostgreSQL loaded with the real data (the
// reference data and the shipped procurement sample, as npm start loads them): what the e2e journey
// and the page benchmark run against. Builds into its own distDir, so neither disturbs .next.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { createPrismaClient, type Db } from "../lib/db/client";
import { findFreePort, startEmbeddedPostgres } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { importReferenceData } from "../lib/import";
import { loadShippedSampleOnce } from "../lib/procurement/import";
import { nextBin, runNextBuild, waitForHealth } from "./next-build";
import { withPeerAddress } from "./peer-address-env";

const root = process.cwd();

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Starts the database and the app, runs `work` against them, and stops both whatever happens.
 * `reuseBuild`: skip the build when distDir already holds one (while writing a journey).
 */
export async function withAppUnderTest<T>(
  { label, distDir, database, reuseBuild }: { label: string; distDir: string; database: string; reuseBuild: boolean },
  work: (app: { baseUrl: string; db: Db; databaseUrl: string }) => Promise<T>,
): Promise<T> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}. Install Debian's Chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  mkdirSync(path.join(root, ".data"), { recursive: true });
  const dataDir = mkdtempSync(path.join(root, ".data", `pg-${label}-`));
  const pg = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), ephemeral: true });
  let server: ChildProcess | null = null;
  try {
    await pg.createDatabase(database);
    const databaseUrl = pg.urlFor(database);
    await migrate(databaseUrl, () => {});
    const db = createPrismaClient(databaseUrl);
    await importReferenceData(db);
    // As npm start does on first start: the shipped procurement sample
    await loadShippedSampleOnce(db);

    const env = { ...process.env, ATLAS_DIST_DIR: distDir, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), NODE_ENV: "production" as const };
    if (reuseBuild && existsSync(path.join(root, distDir, "BUILD_ID"))) console.log(`[${label}] reusing the build in ${distDir}`);
    else {
      console.log(`[${label}] building the app (next build)…`);
      runNextBuild(env, distDir, { quiet: true });
    }

    const port = await findFreePort();
    const baseUrl = `http://localhost:${port}`;
    server = spawn(process.execPath, [nextBin, "start", "-p", String(port)], { env: withPeerAddress({ ...env, NEXTAUTH_URL: baseUrl }), stdio: ["ignore", "ignore", "inherit"] });
    await waitForHealth(baseUrl, 60_000);
    console.log(`[${label}] app up on ${baseUrl}`);
    try {
      return await work({ baseUrl, db, databaseUrl });
    } finally {
      await db.$disconnect();
    }
  } finally {
    server?.kill("SIGTERM");
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
