// npm run test:e2e: production build + `next start` on a throwaway embedded PostgreSQL, then the
// browser journey in Debian's Chromium (tests/e2e/journey.e2e.ts). Prints each step, the axe
// results and the web performance figures; screenshots go to test-results/ (not committed).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { createPrismaClient } from "../lib/db/client";
import { findFreePort, startEmbeddedPostgres } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { importReferenceData } from "../lib/import";
import { loadShippedSampleOnce } from "../lib/procurement/import";
import { runJourney } from "../tests/e2e/journey.e2e";
import { nextBin, runNextBuild, waitForHealth } from "./next-build";
import { withPeerAddress } from "./peer-address-env";

const root = process.cwd();
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}. Install Debian's Chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

mkdirSync(path.join(root, ".data"), { recursive: true });
const dataDir = mkdtempSync(path.join(root, ".data", "pg-e2e-"));
const pg = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), ephemeral: true });
let server: ChildProcess | null = null;
let exitCode = 0;
try {
  await pg.createDatabase("atlas_e2e");
  const databaseUrl = pg.urlFor("atlas_e2e");
  await migrate(databaseUrl, () => {});
  const db = createPrismaClient(databaseUrl);
  await importReferenceData(db);
  // As npm start does on first start: the shipped procurement sample
  await loadShippedSampleOnce(db);

  const env = { ...process.env, ATLAS_DIST_DIR: ".next-e2e", DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), NODE_ENV: "production" as const };
  // --reuse-build: while writing the journey, skip the build when .next-e2e is already there
  if (process.argv.includes("--reuse-build") && existsSync(path.join(root, ".next-e2e", "BUILD_ID"))) console.log("[e2e] reusing the build in .next-e2e");
  else {
    console.log("[e2e] building the app (next build)…");
    runNextBuild(env, ".next-e2e", { quiet: true });
  }

  const port = await findFreePort();
  const baseUrl = `http://localhost:${port}`;
  server = spawn(process.execPath, [nextBin, "start", "-p", String(port)], { env: withPeerAddress({ ...env, NEXTAUTH_URL: baseUrl }), stdio: ["ignore", "ignore", "inherit"] });
  await waitForHealth(baseUrl, 60_000);
  console.log(`[e2e] app up on ${baseUrl}`);

  const outcome = await runJourney({ baseUrl, chromium, db, screenshotDir: path.join(root, "test-results", "screenshots") });
  await db.$disconnect();
  if (!outcome.ok) exitCode = 1;
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  server?.kill("SIGTERM");
  await pg.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(exitCode === 0 ? "[e2e] PASSED" : "[e2e] FAILED");
process.exit(exitCode);
