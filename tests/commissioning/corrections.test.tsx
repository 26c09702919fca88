// Who commissions what after the data audit (issue 14): each corrected England row has its new state
// and its source, and a row that starts after today reads as planned, never as current.
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commissionedBy, commissioningForPopulation, commissioningMatrix, responsibilityState, type ResponsibilityState } from "@/lib/commissioning";
import { whoCommissionsWhat } from "@/lib/dashboard/market";
import { compareOrganisations } from "@/lib/organisations/compare";
import { parseExplorerParams, searchOrganisations } from "@/lib/organisations/explorer";
import { PopulationCommissioningCard } from "@/components/commissioning/population-commissioning";
import { CommissionerEntry } from "@/components/commissioning/commissioner-entry";
import { createTestDatabase, type TestDatabase } from "../support/database";

const TODAY = "2026-12-01";
const PRN02352 = "https://www.england.nhs.uk/long-read/direct-commissioning-update";
const BOARD_2025_26 = "https://www.england.nhs.uk/long-read/commissioning-integration-delegation-of-specialised-services-to-integrated-care-boards-2025-26/";
const BOARD_DEC_2023 = "https://www.england.nhs.uk/long-read/specialised-commissioning-2024-25-next-steps-with-delegation-to-integrated-care-boards/";

type Expected = { service: string; kind: string; arrangement: string; state: ResponsibilityState; from: string | null; to: string | null; url: string; notes?: RegExp };

/** Every England row the audit changed or added, as it should now read. */
const CORRECTED: Expected[] = [
  { service: "specialised-mental-health", kind: "icb", arrangement: "delegated", state: "current", from: "2025-04-01", to: null, url: BOARD_2025_26, notes: /specialised_2025_26_delegated_mh_gbp_k/ },
  { service: "specialised-mental-health", kind: "nhs-england", arrangement: "retained", state: "ended", from: "2020-10-01", to: "2025-03-31", url: "https://www.england.nhs.uk/mental-health/nhs-led-provider-collaboratives/" },
  { service: "specialised-services-delegable", kind: "nhs-england", arrangement: "joint", state: "ended", from: "2023-04-01", to: "2025-03-31", url: BOARD_DEC_2023 },
  { service: "population-screening", kind: "nhs-england", arrangement: "retained", state: "current", from: null, to: null, url: PRN02352 },
  { service: "population-screening", kind: "icb", arrangement: "commissions", state: "planned", from: "2027-04-01", to: null, url: PRN02352 },
  { service: "immunisation-vaccination", kind: "nhs-england", arrangement: "retained", state: "current", from: null, to: null, url: PRN02352 },
  { service: "immunisation-vaccination", kind: "icb", arrangement: "commissions", state: "planned", from: "2027-04-01", to: null, url: PRN02352 },
  { service: "prison-secure-settings-healthcare", kind: "icb", arrangement: "commissions", state: "planned", from: "2027-04-01", to: null, url: PRN02352 },
  { service: "sexual-assault-services", kind: "icb", arrangement: "commissions", state: "planned", from: "2027-04-01", to: null, url: PRN02352 },
];

describe("who commissions what after the audit", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const englandRows = async (service: string) => (await commissioningMatrix(t.db, { service, today: TODAY }))[0]!.cells.england!;

  for (const row of CORRECTED) {
    it(`${row.service}: ${row.kind} ${row.arrangement} is ${row.state}${row.from ? ` from ${row.from}` : ""}${row.to ? ` to ${row.to}` : ""}, with its source`, async () => {
      const matching = (await englandRows(row.service)).filter((e) => e.commissionerKind === row.kind);
      expect(matching).toHaveLength(1);
      expect(matching[0]).toMatchObject({ arrangement: row.arrangement, state: row.state, effectiveFrom: row.from, effectiveTo: row.to, source: { url: row.url } });
      expect(matching[0]!.source.title.length).toBeGreaterThan(10);
      if (row.notes) expect(matching[0]!.notes).toMatch(row.notes);
    });
  }

  it("shows screening and vaccination with one current commissioner, NHS England, and the transfer to ICBs as planned", async () => {
    for (const service of ["population-screening", "immunisation-vaccination"]) {
      const rows = await englandRows(service);
      expect(rows.filter((e) => e.state === "current").map((e) => e.commissionerKind)).toEqual(["nhs-england"]);
      expect(rows.map((e) => e.state)).toEqual(["current", "planned"]);
    }
  });

  it("reads a row that starts after today as planned, and the same row as current once its date has come", () => {
    expect(responsibilityState({ effectiveFrom: "2027-04-01", effectiveTo: null }, TODAY)).toBe("planned");
    expect(responsibilityState({ effectiveFrom: "2027-04-01", effectiveTo: null }, "2027-04-01")).toBe("current");
    expect(responsibilityState({ effectiveFrom: "2023-04-01", effectiveTo: "2025-03-31" }, TODAY)).toBe("ended");
  });

  it("never shows a planned row as current: on an ICB's profile, in the API, in compare, the explorer and the dashboard", async () => {
    const icb = await t.db.organisation.findUniqueOrThrow({ where: { code: "QYG" } });
    const population = await commissioningForPopulation(t.db, icb, { today: TODAY });
    const screening = population.itself.find((l) => l.service.slug === "population-screening")!;
    expect(screening).toMatchObject({ state: "planned", effectiveFrom: "2027-04-01" });

    const html = renderToStaticMarkup(<PopulationCommissioningCard data={population} subject={icb.name} />);
    const screeningHtml = html.slice(html.indexOf("service=population-screening"));
    expect(screeningHtml.slice(0, screeningHtml.indexOf("</li>"))).toMatch(/data-state="planned".*Planned from 1 Apr 2027/);

    const api = await commissionedBy(t.db, icb, { today: TODAY });
    expect(api.find((c) => c.service_category.slug === "population-screening")).toMatchObject({ state: "planned", effective_from: "2027-04-01", effective_to: null });

    // Compare shows today's commissioner of screening for the ICB's population: NHS England, nationally
    const compared = await compareOrganisations(t.db, ["QYG"]);
    expect(compared.bodies[0]!.services["population-screening"]).toMatchObject({ level: "national", commissioner: "NHS England" });

    // The explorer's "bodies that commission it" lists no ICB for a service they only will commission
    const explorer = await searchOrganisations(t.db, { teamId: "none" }, parseExplorerParams(new URLSearchParams("commissions=sexual-assault-services&nation=england&kind=icb")), { limit: 5, offset: 0 });
    expect(explorer.total).toBe(0);

    // The dashboard counts only today's arrangements: ICBs hold no screening or vaccination yet
    const icbs = (await whoCommissionsWhat(t.db, { nation: "england" }, TODAY)).find((r) => r.commissionerKind === "icb")!;
    const allIcbCategories = await t.db.commissioningResponsibility.findMany({ where: { nation: "england", commissionerKind: "icb" }, distinct: ["serviceCategoryId"] });
    expect(icbs.categories).toBe(allIcbCategories.length - 5); // 4 planned categories and the specialised-services-national one
  });

  it("labels an ended row with its dates", () => {
    const html = renderToStaticMarkup(
      <CommissionerEntry
        entry={{ commissionerKind: "nhs-england", commissionerName: "NHS England", commissionerCode: "X24", arrangement: "joint", effectiveFrom: "2023-04-01", effectiveTo: "2025-03-31", state: "ended", evidence: "direct", source: { title: "A source", url: "https://example.org" } }}
      />,
    );
    expect(html).toContain("1 Apr 2023 to 31 Mar 2025 (ended)");
    expect(html).not.toContain("since");
  });
});
