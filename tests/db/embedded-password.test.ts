// The embedded PostgreSQL of `npm start` gets its own random password, kept under .data with mode
// 0600, instead of one fixed password that every clone shares; a cluster made with the old fixed
// password is moved to its own on its next start.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pgDriver from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort, startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";

const project = mkdtempSync(path.join(tmpdir(), "atlas-pgpass-"));
const dataDir = path.join(project, ".data", "pg");
const passwordFile = `${dataDir}.password`;
// As root the cluster lives where the postgres user can reach it (lib/db/reachable.ts): here, a folder
// this test removes afterwards
const pgHome = mkdtempSync(path.join(tmpdir(), "atlas-pgpass-home-"));
chmodSync(pgHome, 0o755);
const savedHome = process.env.ATLAS_PG_HOME;
process.env.ATLAS_PG_HOME = pgHome;
let server: EmbeddedServer | null = null;

afterAll(async () => {
  await server?.stop();
  if (savedHome === undefined) delete process.env.ATLAS_PG_HOME;
  else process.env.ATLAS_PG_HOME = savedHome;
  rmSync(project, { recursive: true, force: true });
  rmSync(pgHome, { recursive: true, force: true });
});

async function connects(url: string): Promise<boolean> {
  const client = new pgDriver.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const withPassword = (url: string, password: string) => {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
};

describe("the embedded server's password", () => {
  it("is generated per cluster, kept beside its folder with mode 0600, and the only one it accepts", async () => {
    server = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
    expect(existsSync(passwordFile)).toBe(true);
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
    const password = readFileSync(passwordFile, "utf8").trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(password).not.toBe("atlas-local");

    const url = server.urlFor("postgres");
    expect(decodeURIComponent(new URL(url).password)).toBe(password);
    expect(await connects(url)).toBe(true);
    expect(await connects(withPassword(url, "atlas-local"))).toBe(false);
  });

  it("moves a cluster made with the old fixed password to a generated one on its next start", async () => {
    // Reshape this cluster into one of an earlier version: the fixed password, and no password file
    const admin = new pgDriver.Client({ connectionString: server!.urlFor("postgres") });
    await admin.connect();
    await admin.query("ALTER ROLE postgres PASSWORD 'atlas-local'");
    await admin.end();
    await server!.stop();
    server = null;
    unlinkSync(passwordFile);

    server = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
    const password = readFileSync(passwordFile, "utf8").trim();
    expect(password).not.toBe("atlas-local");
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
    expect(await connects(server.urlFor("postgres"))).toBe(true);
    expect(await connects(withPassword(server.urlFor("postgres"), "atlas-local"))).toBe(false);
  });
});
