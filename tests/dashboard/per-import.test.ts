// What the dashboard counts once per import (dashboard_icb_option, dashboard_contract_ending)
// against the per-request walks they replaced, on the real reference data: the ICBs its filter
// offers, and the contracts ending per area body for windows on either side of the notices' ends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/lib/db/query";
import { sql } from "@/lib/db/sql";
import { dashboardOptions } from "@/lib/dashboard/options";
import { contractsEndingByArea } from "@/lib/dashboard/procurement";
import { refreshCoverage } from "@/lib/procurement/coverage";
import { emptyProcurement, insertNotice } from "../procurement/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/database";

describe("dashboard figures counted per import", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await emptyProcurement(t.db);
    // Real notices of data/procurement/nhs_procurement.csv, their contract ends moved to sit around
    // the windows below: an ICB's sub-ICB location (11X, a CCG's code carried on), a trust below an
    // ICB (RH5) and an ICB closed in 2026 whose successor counts its notices (QMM -> T6Y0W)
    await insertNotice(t.db, { ocid: "ocds-b5fd17-97868881-9873-4ba6-b62b-4b01fe293452", title: "Contract for the Provision of HSCN Services to GP Practices for NHS Somerset ICB", buyerName: "NHS Somerset CCG", buyerCode: "11X", status: "awarded", publishedAt: "2022-03-15", contractEnd: "2027-03-31" });
    await insertNotice(t.db, { ocid: "ocds-b5fd17-2d05167e-ba35-4c44-b46a-2a764865a503", title: "NW2024-63 Community Pharmacy Integration", buyerName: "NHS Norfolk and Waveney ICB", buyerCode: "QMM", status: "awarded", publishedAt: "2024-12-05", contractEnd: "2027-01-15" });
    await insertNotice(t.db, { ocid: "ocds-b5fd17-2e43e09b-f320-4305-a202-81f4a1a807b0", title: "Video Consultation Platform", buyerName: "Somerset NHS Foundation Trust", buyerCode: "RH5", status: "awarded", publishedAt: "2025-03-11", contractEnd: "2027-12-01" });
  });
  afterAll(() => t.drop());

  it("offers the ICBs the per-request walk found: those with open PCNs under their sub-ICB locations", async () => {
    const live = await queryRows<{ code: string; name: string; regionCode: string | null; status: "open" | "closed" }>(t.db, sql`
      SELECT i.code, i.name, reg.code AS "regionCode", i.status
      FROM organisation i LEFT JOIN organisation reg ON reg.id = i.region_id
      WHERE i.kind = 'icb' AND EXISTS (
        SELECT 1 FROM organisation s JOIN organisation p ON p.parent_id = s.id
        WHERE s.parent_id = i.id AND p.kind = 'pcn' AND p.status = 'open')
      ORDER BY i.status DESC, i.name`);
    expect(live.length).toBeGreaterThan(30);
    expect((await dashboardOptions(t.db, { team: { id: "none", name: "none" } })).icbs).toEqual(live);
  });

  // The walk up from each buyer through parents and successors, per request, as the page ran it before
  const walked = (today: string) => queryRows<{ code: string; contracts: number }>(t.db, sql`
    WITH RECURSIVE ending AS (
      SELECT p.id, b.id AS buyer_id FROM procurement_process p JOIN organisation b ON b.code = p.buyer_code
      WHERE p.contract_end >= ${today}::date AND p.contract_end <= (${today}::date + interval '12 months')::date
    ), walk AS (
      SELECT DISTINCT buyer_id AS start_id, buyer_id AS id, 0 AS depth FROM ending
      UNION
      SELECT w.start_id, n.id, w.depth + 1 FROM walk w CROSS JOIN LATERAL (
        SELECT o.parent_id AS id FROM organisation o WHERE o.id = w.id AND o.parent_id IS NOT NULL
        UNION ALL SELECT s.successor_id FROM succession s WHERE s.predecessor_id = w.id) n
      WHERE w.depth < 12
    )
    SELECT o.code, count(DISTINCT e.id)::int AS contracts
    FROM ending e JOIN (SELECT DISTINCT start_id, id FROM walk) r ON r.start_id = e.buyer_id JOIN organisation o ON o.id = r.id
    WHERE o.status = 'open' AND o.kind IN ('icb', 'health-board', 'local-health-board', 'hsc-trust')
    GROUP BY o.code ORDER BY contracts DESC, o.code`);

  it("counts per area body, for any window, what the per-request walk counted", async () => {
    const counts = async (today: string) => (await contractsEndingByArea(t.db, {}, today)).map((r) => ({ code: r.code, contracts: r.contracts }));
    // All three, two (the first ends before the window), none, and the last day of a window counted
    expect(await counts("2026-12-01")).toEqual([{ code: "QSL", contracts: 2 }, { code: "T6Y0W", contracts: 1 }]);
    for (const today of ["2026-12-01", "2027-02-01", "2028-01-01", "2026-12-02"]) {
      expect(await counts(today), today).toEqual(await walked(today));
    }
    expect(await counts("2028-01-01")).toEqual([]);
  });

  it("is recounted by the refresh an import runs, not before", async () => {
    await t.db.procurementProcess.updateMany({ where: { buyerCode: "QMM" }, data: { contractEnd: new Date("2029-01-01T00:00:00Z") } });
    expect((await contractsEndingByArea(t.db, {}, "2026-12-01")).map((r) => r.code)).toEqual(["QSL", "T6Y0W"]);
    await refreshCoverage(t.db);
    expect(await contractsEndingByArea(t.db, {}, "2026-12-01")).toHaveLength(1);
    expect((await contractsEndingByArea(t.db, {}, "2026-12-01")).map((r) => ({ code: r.code, contracts: r.contracts }))).toEqual(await walked("2026-12-01"));
  });
});
