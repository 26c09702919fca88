// Starts one real PostgreSQL for the run (embedded, or the server of TEST_DATABASE_URL), then
// builds a template database: migrated and loaded with the real reference data and the shipped
// procurement sample. Test files clone it, which takes a fraction of a second, so every file
// starts from the same known state.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createPrismaClient } from "../../lib/db/client";
import { findFreePort, startEmbeddedPostgres, type EmbeddedServer } from "../../lib/db/embedded";
import { migrate } from "../../lib/db/migrate";
import { importReferenceData } from "../../lib/import";
import { importPaths, SHIPPED_PATHS } from "../../lib/procurement/import";
import { installJobQueuesAt } from "../../lib/jobs/boss";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | null = null;
  let dataDir: string | null = null;
  let adminUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = "/postgres";
    adminUrl = url.toString();
  } else {
    // Inside the project: the postgres OS user must be able to reach the directory
    mkdirSync(path.join(process.cwd(), ".data"), { recursive: true });
    dataDir = mkdtempSync(path.join(process.cwd(), ".data", "pg-test-"));
    embedded = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), ephemeral: true });
    adminUrl = embedded.urlFor("postgres");
  }
  const templateDatabase = `atlas_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${templateDatabase}`;
  await migrate(templateUrl.toString(), () => {});
  const db = createPrismaClient(templateUrl.toString());
  await importReferenceData(db, { today: "2026-11-23" });
  // The shipped procurement sample, so every test file sees the real notices and spend lines
  await importPaths(db, SHIPPED_PATHS, { now: new Date("2026-11-23T12:00:00Z") });
  await db.$disconnect();
  // pg-boss's schema and the queues, so a test that runs a worker starts from them
  await installJobQueuesAt(templateUrl.toString());

  project.provide("adminUrl", adminUrl);
  project.provide("templateDatabase", templateDatabase);

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`).catch(() => {});
    await admin.end();
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
