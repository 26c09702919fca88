// A new tender for a real buyer, as a feed would publish it: a real Contracts Finder release of
// Kettering General Hospital NHS Foundation Trust (RNQ, whose parent is NHS Northamptonshire ICB,
// QPM) from data/procurement, reshaped (a new ocid and release id, a tender tag, the given title, no
// awards) and imported through the app's own importer. Fixtures of the alerts tests and the e2e journey.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "../../lib/db/client";
import { importPaths } from "../../lib/procurement/import";

export const REAL_RELEASE = path.join(process.cwd(), "data/procurement/ocds/contracts-finder/1023ab58-b2f8-4cf9-bfca-663af1ae1823-832944.json");

export async function importReshapedTender(db: Db, title: string): Promise<{ ocid: string; processId: number }> {
  const release = JSON.parse(fs.readFileSync(REAL_RELEASE, "utf8"));
  const id = randomBytes(6).toString("hex");
  release.ocid = `ocds-b5fd17-atlas-fixture-${id}`;
  release.id = `atlas-fixture-${id}`;
  release.tag = ["tender"];
  release.date = new Date().toISOString();
  release.tender.title = title;
  delete release.awards;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-release-"));
  try {
    fs.writeFileSync(path.join(dir, "release.json"), JSON.stringify(release));
    await importPaths(db, [dir]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const process = await db.procurementProcess.findUniqueOrThrow({ where: { ocid: release.ocid }, select: { id: true, buyerCode: true } });
  if (process.buyerCode !== "RNQ") throw new Error(`The reshaped release matched ${process.buyerCode}, not RNQ`);
  return { ocid: release.ocid, processId: process.id };
}
