// Side-by-side comparison of 2 to 4 bodies of any nation.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { commissioningForPopulation } from "@/lib/commissioning";
import { AppError } from "@/lib/errors";
import { allocationPerHead } from "./per-head";
import { descendantCounts, organisationCode } from "./read";
import { COMMISSIONER_KIND_LABELS, type CommissionerKind } from "./vocabulary";

export const compareCodesSchema = z
  .string()
  .transform((value) => [...new Set(value.split(",").map((c) => c.trim().toUpperCase()).filter(Boolean))])
  .pipe(z.array(organisationCode("Codes are letters, digits and hyphens")).min(2, "Pick at least 2 bodies").max(4, "Compare at most 4 bodies"));

export type ComparedBody = Awaited<ReturnType<typeof compareOrganisations>>["bodies"][number];

export async function compareOrganisations(db: PrismaClient, codes: string[]) {
  const organisations = await db.organisation.findMany({ where: { code: { in: codes } } });
  const missing = codes.filter((code) => !organisations.some((o) => o.code === code));
  if (missing.length) throw new AppError("invalid", `No organisation has the code ${missing.join(", ")}.`, { codes: missing });
  const bodies = await Promise.all(
    codes.map(async (code) => {
      const o = organisations.find((x) => x.code === code)!;
      const [below, commissioning] = await Promise.all([descendantCounts(db, code), commissioningForPopulation(db, o)]);
      const allocation = o.latestAllocationGbpThousands === null ? null : Number(o.latestAllocationGbpThousands);
      const perHead = allocationPerHead(allocation, o);
      return {
        code: o.code,
        name: o.name,
        kind: o.kind,
        nation: o.nation,
        status: o.status,
        population: o.population,
        populationYear: o.populationYear,
        registeredPatients: o.registeredPatients,
        registeredPatientsMonth: o.registeredPatientsMonth,
        allocationGbpThousands: allocation,
        allocationYear: o.latestAllocationYear,
        /** £ per resident */
        perHeadGbp: perHead.perResident?.gbp ?? null,
        perPatientGbp: perHead.perPatient?.gbp ?? null,
        below,
        // service slug -> who commissions it for this body's population; where several bodies
        // share a service the body itself wins over its area, and its area over national bodies
        services: Object.fromEntries(
          [...commissioning.nationally.map((l) => [l, "national"] as const), ...commissioning.withinArea.map((w) => [w.line, "area"] as const), ...commissioning.itself.map((l) => [l, "itself"] as const)]
            // Who commissions it today: a planned transfer or an ended arrangement would hide the current one
            .filter(([line]) => line.state === "current")
            .map(
            ([line, level]) => [line.service.slug, { service: line.service.name, level, commissioner: line.commissioner?.name ?? line.commissionerName ?? COMMISSIONER_KIND_LABELS[line.commissionerKind as CommissionerKind] ?? line.commissionerKind, arrangement: line.arrangement }],
          ),
        ),
      };
    }),
  );
  const serviceSlugs = [...new Set(bodies.flatMap((b) => Object.keys(b.services)))];
  return { bodies, serviceSlugs };
}
