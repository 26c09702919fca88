// As root, PostgreSQL runs as the postgres user: a clone in a private folder (mode 700) must still
// start, with the server's data where that user can reach it. (Not root: nothing moves.)
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { othersCanReach, reachableDataDir } from "@/lib/db/reachable";

const root = mkdtempSync(path.join(tmpdir(), "atlas-reach-"));
const privateFolder = path.join(root, "private");
const home = path.join(root, "pg-home");
// mkdtemp makes a private folder: open this one, and close the one inside it as `mktemp -d` would
chmodSync(root, 0o755);
mkdirSync(path.join(privateFolder, "project", ".data"), { recursive: true });
chmodSync(privateFolder, 0o700);
const saved = process.env.ATLAS_PG_HOME;
process.env.ATLAS_PG_HOME = home;
afterAll(() => {
  if (saved === undefined) delete process.env.ATLAS_PG_HOME;
  else process.env.ATLAS_PG_HOME = saved;
  rmSync(root, { recursive: true, force: true });
});

describe("the embedded server's data folder", () => {
  it("tells a folder others can traverse from one they cannot", () => {
    expect(othersCanReach(path.join(root, "x"))).toBe(true);
    expect(othersCanReach(path.join(privateFolder, "project", ".data", "pg"))).toBe(false);
  });

  it("moves the data of a project in a private folder to one the postgres user can reach, when root", () => {
    const requested = path.join(privateFolder, "project", ".data", "pg");
    const chosen = reachableDataDir(requested);
    if (process.getuid?.() !== 0) {
      expect(chosen).toBe(requested);
      return;
    }
    expect(chosen.startsWith(`${home}${path.sep}`)).toBe(true);
    expect(othersCanReach(chosen)).toBe(true);
    // The same project and folder always map to the same place, so data survives restarts
    expect(reachableDataDir(requested)).toBe(chosen);
  });

  it("leaves a folder others can reach where it is", () => {
    const requested = path.join(root, "open", "pg");
    expect(reachableDataDir(requested)).toBe(requested);
  });
});
