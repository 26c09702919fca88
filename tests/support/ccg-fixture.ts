import type { Db } from "../../lib/db/client";

/**
 * NHS Surrey Heath CCG (10C), closed 31 March 2021 with D4U1Y (NHS Frimley CCG, later the Frimley
 * sub-ICB location) as its successor: the real record of ../shared/data/ccgs_2013_2022.csv, reshaped
 * as a closed body of the sub-ICB location kind, so a test has a chain of two successions
 * (10C -> D4U1Y -> U2G6B, D9Y0V and 92A) whatever the importer does with the CCGs.
 */
export async function insertSurreyHeathCcg(db: Db) {
  const existing = await db.organisation.findUnique({ where: { code: "10C" }, select: { id: true } });
  if (existing) return existing.id;
  const frimley = await db.organisation.findUniqueOrThrow({ where: { code: "D4U1Y" }, select: { id: true, nation: true } });
  const ccg = await db.organisation.create({
    data: {
      code: "10C", codeSystem: "ods", name: "NHS Surrey Heath CCG", kind: "sub-icb-location", nation: frimley.nation, status: "closed",
      openDate: new Date("2013-04-01"), closeDate: new Date("2021-03-31"), source: "ccgs_2013_2022.csv (test fixture)", sourceAsOf: new Date("2022-06-30"),
    },
    select: { id: true },
  });
  await db.succession.create({ data: { predecessorId: ccg.id, successorId: frimley.id, effectiveDate: new Date("2021-04-01"), reason: "merger", source: "ccgs_2013_2022.csv (test fixture)" } });
  return ccg.id;
}
