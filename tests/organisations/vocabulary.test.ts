import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/lib/db/query";
import { sql } from "@/lib/db/sql";
import { organisationCode, organisationCodeSchema } from "@/lib/organisations/read";
import {
  AREA_COMMISSIONER_KINDS,
  COMMISSIONER_KIND_TO_ORGANISATION_KIND,
  COMMISSIONING_KINDS,
  KIND_LABELS,
  kindIn,
  ORGANISATION_KINDS,
  PLANNING_TIER_KINDS,
  SHORT_KIND_LABELS,
  SHORT_KIND_PLURALS,
  type OrganisationKind,
} from "@/lib/organisations/vocabulary";
import { createTestDatabase, type TestDatabase } from "../support/database";

describe("the organisation vocabulary, defined once and used in SQL", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ empty: true });
  });
  afterAll(() => t.drop());

  const selected = async (kinds: readonly OrganisationKind[]) =>
    (await queryRows<{ kind: string }>(t.db, sql`SELECT k.kind FROM unnest(${[...ORGANISATION_KINDS]}::text[]) AS k(kind) WHERE ${kindIn("k.kind", kinds)}`)).map((r) => r.kind).sort();

  it.each([
    ["the ICBs and boards", AREA_COMMISSIONER_KINDS],
    ["the commissioning kinds", COMMISSIONING_KINDS],
    ["the planning tiers", PLANNING_TIER_KINDS],
  ] as const)("the SQL fragment for %s selects exactly the kinds of the list, in PostgreSQL", async (_name, kinds) => {
    expect(await selected(kinds)).toEqual([...kinds].sort());
  });

  it("the SQL fragment takes only a kind column and kinds of the vocabulary", () => {
    expect(() => kindIn("o.kind; DROP TABLE organisation", ["icb"])).toThrow();
    expect(() => kindIn("o.kind", ["icb", "x') OR true --" as OrganisationKind])).toThrow();
    expect(() => kindIn("o.kind", [])).toThrow();
  });

  it("every ICB or board commissions, and so does every kind named in the commissioner vocabulary", () => {
    for (const kind of [...AREA_COMMISSIONER_KINDS, ...Object.values(COMMISSIONER_KIND_TO_ORGANISATION_KIND)]) expect(COMMISSIONING_KINDS).toContain(kind);
    expect(COMMISSIONING_KINDS).not.toContain("gp-practice");
    expect(COMMISSIONING_KINDS).not.toContain("pcn");
  });

  it("every kind has a full and a short label, singular and plural", () => {
    expect(Object.keys(KIND_LABELS).sort()).toEqual([...ORGANISATION_KINDS].sort());
    for (const kind of ORGANISATION_KINDS) {
      expect(SHORT_KIND_LABELS[kind]).toBe(KIND_LABELS[kind].short);
      expect(SHORT_KIND_PLURALS[kind]).toBe(KIND_LABELS[kind].shortPlural);
    }
    expect([SHORT_KIND_LABELS.icb, SHORT_KIND_PLURALS.icb]).toEqual(["ICB", "ICBs"]);
  });

  it("reads an organisation code one way everywhere: trimmed, upper-cased, letters, digits and hyphens up to 20", () => {
    expect(organisationCodeSchema.parse("  qyg ")).toBe("QYG");
    expect(organisationCodeSchema.parse("e38000001-x")).toBe("E38000001-X");
    for (const bad of ["", "Q Y G", "QYG;", "A".repeat(21)]) expect(organisationCodeSchema.safeParse(bad).success, bad).toBe(false);
    expect(organisationCode("region must be an organisation code").safeParse("Y6 1").error?.issues[0]?.message).toBe("region must be an organisation code");
  });
});
