// The contracts table and its API on real PostgreSQL: every filter (the expiry window at its
// boundaries), a buyer with the bodies below it and its predecessors, sorts and paging, the CSV
// through a standard parser, spend by payer with the CCG-era lines, 400s naming the parameter, and
// saved contracts views kept within their team. Fixtures: tests/procurement/fixtures.ts (real
// records of nhs_procurement.csv, reshaped as noted beside each).
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as noticesRoute from "@/app/api/v1/notices/route";
import * as noticeRoute from "@/app/api/v1/notices/[id]/route";
import * as spendRoute from "@/app/api/v1/spend/route";
import { authenticateCookies } from "@/lib/auth/context";
import { noticesTable, type NoticeRow } from "@/lib/procurement/notices";
import { readTablePage } from "@/lib/tables/server";
import { createView, getView, listViews } from "@/lib/views";
import { apiRequest, params, signedInUser, type TestUser } from "../support/auth";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { emptyProcurement, insertNotice, insertSpend } from "./fixtures";

/** The day the table is asked on: ends_within_months counts from it. */
const TODAY = "2026-11-23";
const DAY_MS = 86_400_000;

describe("the contracts table", () => {
  let t: TestDatabase;
  let ann: TestUser;
  let bob: TestUser;
  const ids: Record<string, number> = {};

  const read = async (query: string, today = TODAY): Promise<NoticeRow[]> => {
    const result = await readTablePage(noticesTable, t.db, { today }, new URLSearchParams(query));
    if (!result.ok) throw new Error(result.error);
    return result.page.rows;
  };
  const ocids = async (query: string) => (await read(query)).map((r) => r.ocid).sort();
  type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
  const api = (route: { GET: unknown }, path: string, routeParams: Record<string, string> = {}) => (route.GET as Handler)(apiRequest(path, { cookie: ann.cookie }), params(routeParams));

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    await emptyProcurement(t.db);
    ann = await signedInUser(t.db, "ann@a.example", "Team A", "analyst");
    bob = await signedInUser(t.db, "bob@b.example", "Team B", "admin");
    const now = Date.now();
    const fixtures = {
      // NHS Bedfordshire, Luton and Milton Keynes ICB (QHG, merged into S1Y5D in April 2026); contract_end moved to today (the CSV has none)
      blmk: { ocid: "ocds-b5fd17-70fac9b8-dcfe-4b00-91a1-f10638dda1cc", title: "1969 Section 12 (S12) Digital Solution Market Engagement for NHS BLMK ICB", buyerName: "NHS Bedfordshire, Luton & Milton Keynes Integrated Care Board", buyerCode: "QHG", status: "unknown", publishedAt: "2025-04-17", contractEnd: TODAY },
      // Somerset NHS Foundation Trust (RH5, below QSL); contract_end moved from 2034-03-31 to exactly six months after today
      somerset: { ocid: "ocds-b5fd17-9615c852-ab40-4098-9569-7f3ca07913b8", title: "TSMC10745 GE-NHSSC Ultrasound equipment maintenance", buyerName: "Somerset NHS Foundation Trust", buyerCode: "RH5", status: "awarded", publishedAt: "2024-10-04", value: 1575800.34, contractStart: "2024-10-01", contractEnd: "2027-05-23" },
      // Nottingham University Hospitals (RX1), with its CPV code and supplier; contract_end moved from 2025-09-05 to one day past the six months
      nottingham: { ocid: "ocds-b5fd17-7f49bd48-f259-4f61-b8a8-7d2738e6f3be", title: "TQ1_Maternity & Midwifery Leadership Support", buyerName: "Nottingham University Hospitals NHS Trust", buyerCode: "RX1", status: "awarded", publishedAt: "2025-03-11", value: 180000, cpv: ["79410000"], suppliers: ["MPCA Consultancy Limited"], contractStart: "2025-03-06", contractEnd: "2027-05-24" },
      // Greater Manchester Mental Health (RXV); contract_end moved from 2031-10-31 to yesterday
      manchester: { ocid: "ocds-b5fd17-02748ee5-c57a-49fd-9671-afbc08f0a151", title: "Outpatient Pharmacy - Greater Manchester MH NHS FT", buyerName: "Greater Manchester Mental Health NHS Foundation Trust", buyerCode: "RXV", status: "awarded", publishedAt: "2024-12-20", value: 5752589.78, contractStart: "2024-11-01", contractEnd: "2026-11-22" },
      // A commissioning support unit no body matches; its title given quotes and a line break (as some publishers' titles have) for the CSV round trip
      csu: { ocid: "ocds-b5fd17-0c8e53e7-7326-4cbd-b77f-3184245ba9d4", title: 'Procurement of General Practice Appointment Booking Services for practices in "Bedfordshire, Luton and Milton Keynes ICB"\nLot 1', buyerName: "NHS SOUTH, CENTRAL AND WEST COMMISSIONING SUPPORT UNIT", status: "awarded", publishedAt: "2024-10-07", value: 448273.56, contractStart: "2024-07-01", contractEnd: "2026-03-31" },
      // Cwm Taf Morgannwg UHB (7A5), a Sell2Wales tender; its deadline set 30 days ahead (the CSV gives none)
      parc: { ocid: "ocds-kuma6s-148317", source: "sell2wales", title: "GP In & Out of Hours Primary Care Parc Prison", buyerName: "Cwm Taf Morgannwg University Health Board", buyerCode: "7A5", status: "open", publishedAt: "2025-02-20", value: 2151000, cpv: ["85121100"], deadline: new Date(now + 30 * DAY_MS) },
      // The same board, another tender; its deadline set to yesterday, so it is no longer open for bids
      outreach: { ocid: "ocds-kuma6s-148374", source: "sell2wales", title: "Alternatives to Admission Community Assertive Outreach Service for Children and Young People in Mental Health Crisis", buyerName: "Cwm Taf Morgannwg Health Board", buyerCode: "7A5", status: "open", publishedAt: "2025-02-20", value: 270020, cpv: ["85100000"], deadline: new Date(now - DAY_MS) },
      // A council's award, with its supplier, matched to no body
      merton: { ocid: "ocds-b5fd17-e3b5f385-5989-4cf1-8849-01c247fc9c30", title: "Parking Pilot - CEO", buyerName: "London Borough of Merton", status: "awarded", publishedAt: "2025-01-23", value: 93007, cpv: ["63712400"], suppliers: ["Marstons holdings plc"], contractStart: "2025-01-06", contractEnd: "2026-01-05" },
    } as const;
    for (const [key, fixture] of Object.entries(fixtures)) ids[key] = (await insertNotice(t.db, { ...fixture, cpv: "cpv" in fixture ? [...fixture.cpv] : undefined, suppliers: "suppliers" in fixture ? [...fixture.suppliers] : undefined })).id;
    // Spend of NHS Somerset CCG (11X, before the ICB opened on 1 July 2022), Somerset ICB and Gloucestershire ICB, as published
    const lines = [
      { payerName: "NHS Somerset CCG", payerCode: "11X", date: "2021-04-30", supplier: "AIVEDA LTD", amount: 28349.91 },
      { payerName: "NHS Somerset CCG", payerCode: "11X", date: "2021-04-30", supplier: "NOTARO CARE HOMES", amount: 30070.53 },
      { payerName: "NHS Somerset ICB", payerCode: "QSL", date: "2022-07-31", supplier: "BARTS HEALTH NHS TRUST", amount: 73000 },
      { payerName: "NHS Gloucestershire ICB", payerCode: "QR1", date: "2022-07-31", supplier: "GLOUCESTERSHIRE COUNTY COUNCIL", amount: 3090937.06 },
    ];
    for (const [n, line] of lines.entries()) await insertSpend(t.db, line, n);
  });
  afterAll(() => t.drop());

  const ocidOf = (key: string) => ({ blmk: "ocds-b5fd17-70fac9b8-dcfe-4b00-91a1-f10638dda1cc", somerset: "ocds-b5fd17-9615c852-ab40-4098-9569-7f3ca07913b8", nottingham: "ocds-b5fd17-7f49bd48-f259-4f61-b8a8-7d2738e6f3be", manchester: "ocds-b5fd17-02748ee5-c57a-49fd-9671-afbc08f0a151", csu: "ocds-b5fd17-0c8e53e7-7326-4cbd-b77f-3184245ba9d4", parc: "ocds-kuma6s-148317", outreach: "ocds-kuma6s-148374", merton: "ocds-b5fd17-e3b5f385-5989-4cf1-8849-01c247fc9c30" })[key]!;
  const of = (...keys: string[]) => keys.map(ocidOf).sort();

  it("counts contracts ending within N months from today to the same day N months on, both included", async () => {
    // Ends today: in; ends exactly six months ahead: in; one day later: out; ended yesterday: out
    expect(await ocids("ends_within_months=6")).toEqual(of("blmk", "somerset"));
    // The day after, today's ending has passed and the one a day later is inside
    expect((await read("ends_within_months=6", "2026-11-24")).map((r) => r.ocid).sort()).toEqual(of("somerset", "nottingham"));
    // Counted from the day asked: on 31 August, yesterday's and today's endings were both ahead
    expect((await read("ends_within_months=6", "2026-08-31")).map((r) => r.ocid).sort()).toEqual(of("blmk", "manchester"));
    expect(await ocids("ends_within_months=1")).toEqual(of("blmk"));
  });

  it("finds a buyer's notices with those of the bodies below it and its predecessors, each with its relation", async () => {
    const somerset = await read("buyer=QSL");
    expect(somerset.map((r) => [r.ocid, r.relation])).toEqual([[ocidOf("somerset"), "below"]]);
    // QHG merged into S1Y5D in April 2026: its notice shows under the successor, published by a predecessor
    const central = await read("buyer=s1y5d");
    expect(central.map((r) => [r.ocid, r.buyer_code, r.relation])).toEqual([[ocidOf("blmk"), "QHG", "predecessor"]]);
    expect((await read("buyer=QHG")).map((r) => r.relation)).toEqual(["self"]);
    expect((await read("buyer=RH5")).map((r) => r.relation)).toEqual(["self"]);
    // Without a buyer filter there is no relation to show
    expect((await read("")).every((r) => r.relation === null)).toBe(true);
  });

  it("filters by keywords, nation, CPV, supplier, status, value, published dates and open for bids", async () => {
    expect(await ocids("q=ultrasound maintenance")).toEqual(of("somerset"));
    expect(await ocids('q="mental health crisis"')).toEqual(of("outreach"));
    expect(await ocids("q=pharmacy -manchester")).toEqual([]);
    expect(await ocids("nation=wales")).toEqual(of("parc", "outreach"));
    expect(await ocids("nation=england,wales")).toEqual(of("blmk", "somerset", "nottingham", "manchester", "parc", "outreach"));
    expect(await ocids("cpv=85")).toEqual(of("parc", "outreach"));
    expect(await ocids("cpv=85121100")).toEqual(of("parc"));
    expect(await ocids("cpv=85121100-3")).toEqual(of("parc"));
    expect(await ocids("supplier=MARSTONS")).toEqual(of("merton"));
    expect(await ocids("supplier=consultancy")).toEqual(of("nottingham"));
    expect(await ocids("status=open")).toEqual(of("parc", "outreach"));
    expect(await ocids("status=unknown,open")).toEqual(of("blmk", "parc", "outreach"));
    expect(await ocids("min_value=1000000")).toEqual(of("somerset", "manchester", "parc"));
    expect(await ocids("max_value=100000")).toEqual(of("merton"));
    expect(await ocids("min_value=180000&max_value=180000")).toEqual(of("nottingham"));
    expect(await ocids("published_from=2025-02-20&published_to=2025-02-20")).toEqual(of("parc", "outreach"));
    expect(await ocids("published_to=2024-10-07")).toEqual(of("somerset", "csu"));
    expect(await ocids("open=1")).toEqual(of("parc"));
    expect(await ocids("open=1&nation=england")).toEqual([]);
  });

  it("sorts with a stable tie-break and pages through every notice once", async () => {
    const byValue = await read("sort=-value");
    expect(byValue.map((r) => r.ocid).slice(0, 3)).toEqual([ocidOf("manchester"), ocidOf("parc"), ocidOf("somerset")]);
    // No value: last, whichever the direction
    expect(byValue.at(-1)!.ocid).toBe(ocidOf("blmk"));
    expect((await read("sort=value")).at(-1)!.ocid).toBe(ocidOf("blmk"));
    expect((await read("")).map((r) => r.published_at)).toEqual((await read("sort=-published")).map((r) => r.published_at));
    expect((await read("sort=-published")).map((r) => r.published_at).slice(0, 2)).toEqual(["2025-04-17T00:00:00Z", "2025-03-11T00:00:00Z"]);
    expect((await read("sort=contract_end"))[0]!.ocid).toBe(ocidOf("merton"));
    expect((await read("sort=deadline"))[0]!.ocid).toBe(ocidOf("outreach"));
    expect((await read("sort=title"))[0]!.title).toBe("1969 Section 12 (S12) Digital Solution Market Engagement for NHS BLMK ICB");
    expect((await read("q=mental health&sort=relevance"))[0]!.ocid).toBe(ocidOf("outreach"));
    // Two published the same day: the id decides, so the API's pages never repeat or skip one
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const response = await api(noticesRoute, `/api/v1/notices?sort=published&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      const body = (await response.json()) as { data: { ocid: string }[]; next_cursor: string | null; total: number };
      seen.push(...body.data.map((n) => n.ocid));
      cursor = body.next_cursor;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
  });

  it("sorts a search newest first unless relevance is asked for", async () => {
    // csu (2024-10-07) has practice twice, booking, appointment and ICB; blmk (2025-04-17) only ICB
    const query = "q=practice or booking or appointment or icb";
    expect((await read(query)).map((r) => r.ocid)).toEqual([ocidOf("blmk"), ocidOf("csu")]);
    expect((await read(`${query}&sort=relevance`)).map((r) => r.ocid)).toEqual([ocidOf("csu"), ocidOf("blmk")]);
    expect((await read(`${query}&sort=published`)).map((r) => r.ocid)).toEqual([ocidOf("csu"), ocidOf("blmk")]);
  });

  it("keeps the search table in step with the notices: edited titles, bulk inserts and deletions", async () => {
    const searchRows = async (where: string) => (await t.db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM procurement_search s LEFT JOIN procurement_process p ON p.id = s.id WHERE ${where}`))[0]!.n;
    // merton's title edited ("CEO" spelt out), then put back
    await t.db.procurementProcess.update({ where: { id: ids.merton }, data: { title: "Civil Enforcement Officer Pilot" } });
    expect(await ocids("q=enforcement officer")).toEqual(of("merton"));
    expect(await ocids("q=parking")).toEqual([]);
    await t.db.procurementProcess.update({ where: { id: ids.merton }, data: { title: "Parking Pilot - CEO" } });
    expect(await ocids("q=parking")).toEqual(of("merton"));
    expect(await ocids("q=enforcement")).toEqual([]);

    // 2,100 copies of merton in one INSERT ... SELECT (as the bench writes notices): past the count at which
    // a newest-first page walks the published index, and ranked alike, so the id orders them
    await t.db.$executeRawUnsafe(`
      INSERT INTO procurement_process (ocid, source, origin, title, status, published_at, updated_at, buyer_name, buyer_key, compiled)
      SELECT ocid || '-copy-' || g, source, origin, title, status, published_at, updated_at, buyer_name, buyer_key, compiled
      FROM procurement_process CROSS JOIN generate_series(1, 2100) g WHERE id = ${ids.merton}`);
    expect(await searchRows("p.ocid LIKE '%-copy-%'")).toBe(2100);
    for (const sort of ["", "&sort=relevance"]) {
      const result = await readTablePage(noticesTable, t.db, { today: TODAY }, new URLSearchParams(`q=parking${sort}`));
      if (!result.ok) throw new Error(result.error);
      expect(result.page.total).toBe(2101);
      const order = result.page.rows.map((r) => r.id);
      expect(order).toEqual([...order].sort((a, b) => b - a));
      expect(result.page.rows[0]!.ocid).toBe(`${ocidOf("merton")}-copy-2100`);
    }
    await t.db.$executeRawUnsafe("DELETE FROM procurement_process WHERE ocid LIKE '%-copy-%'");
    expect(await searchRows("true")).toBe(8);
    expect(await ocids("q=parking")).toEqual(of("merton"));
  });

  it("answers the API with each notice's buyer as published and as matched, its relation and the data's coverage", async () => {
    const response = await api(noticesRoute, "/api/v1/notices?buyer=S1Y5D");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Record<string, unknown>[]; coverage: { notices: { source: string; notices: number }[]; sample_only: boolean; caveat: string } };
    expect(body.data).toEqual([
      expect.objectContaining({ id: ids.blmk, ocid: ocidOf("blmk"), buyer_name: "NHS Bedfordshire, Luton & Milton Keynes Integrated Care Board", buyer_code: "QHG", buyer: { code: "QHG", name: expect.stringMatching(/Bedfordshire/), kind: "icb" }, relation: "predecessor", status: "unknown", contract_end: TODAY, source: "contracts-finder", value: { min: null, max: null, currency: null } }),
    ]);
    expect(body.coverage).toMatchObject({ notices: expect.arrayContaining([{ source: "sell2wales", label: "Sell2Wales", notices: 2, from: "2025-02-20", to: "2025-02-20" }]), sample_only: true, caveat: "A sample; run a sync for the full feed." });
    const unmatched = (await (await api(noticesRoute, "/api/v1/notices?supplier=marstons")).json()) as { data: Record<string, unknown>[] };
    expect(unmatched.data[0]).toMatchObject({ buyer_code: null, buyer: null, suppliers: [{ name: "Marstons holdings plc", identifier: null }], value: { max: 93007, currency: "GBP" } });
    expect(unmatched.data[0]).not.toHaveProperty("relation");

    const one = await api(noticeRoute, `/api/v1/notices/${ids.somerset}`, { id: String(ids.somerset) });
    expect(await one.json()).toMatchObject({ id: ids.somerset, buyer: { code: "RH5" }, match: { method: "name", by: "importer" }, compiled: { ocid: ocidOf("somerset") }, releases: [], coverage: { sample_only: true } });
    expect((await api(noticeRoute, "/api/v1/notices/999999", { id: "999999" })).status).toBe(404);
    expect((await api(noticeRoute, "/api/v1/notices/abc", { id: "abc" })).status).toBe(404);
  });

  it("streams the notices as CSV that a standard parser reads back, commas, quotes and line breaks included", async () => {
    const response = await api(noticesRoute, "/api/v1/notices?format=csv&sort=title");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const records = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(8);
    const csu = records.find((r) => r.ocid === ocidOf("csu"))!;
    expect(csu.title).toBe('Procurement of General Practice Appointment Booking Services for practices in "Bedfordshire, Luton and Milton Keynes ICB"\nLot 1');
    expect(csu).toMatchObject({ buyer_name: "NHS SOUTH, CENTRAL AND WEST COMMISSIONING SUPPORT UNIT", buyer_code: "", value_max: "448273.56", contract_end: "2026-03-31" });
    expect(records.find((r) => r.ocid === ocidOf("parc"))).toMatchObject({ cpv_codes: "85121100", buyer_code: "7A5", source: "sell2wales" });
    expect(records.find((r) => r.ocid === ocidOf("nottingham"))!.suppliers).toBe("MPCA Consultancy Limited");
    const buyerCsv = parse(await (await api(noticesRoute, "/api/v1/notices?format=csv&buyer=QSL")).text(), { columns: true }) as Record<string, string>[];
    expect(buyerCsv.map((r) => [r.ocid, r.relation])).toEqual([[ocidOf("somerset"), "below"]]);
    const xlsx = await api(noticesRoute, "/api/v1/notices?format=xlsx");
    expect(xlsx.status).toBe(200);
    // Not read: cancelled, as a client that goes away, which gives back the team's export slot
    await xlsx.body?.cancel();
  });

  it("answers bad parameters with a 400 naming the field", async () => {
    const cases: [string, string][] = [
      ["cpv=8512", "cpv"],
      ["ends_within_months=0", "ends_within_months"],
      ["ends_within_months=six", "ends_within_months"],
      ["status=won", "status"],
      ["nation=france", "nation"],
      ["published_from=yesterday", "published_from"],
      ["published_from=2025-03-01&published_to=2025-02-01", "published_to"],
      ["min_value=-1", "min_value"],
      ["min_value=10&max_value=5", "max_value"],
      ["open=yes", "open"],
      ["sort=relevance", "sort"],
      ["sort=price", "sort"],
      ["buyer=NOPE9", "buyer"],
      ["limit=0", "limit"],
      ["cursor=garbage", "cursor"],
      ["format=pdf", "format"],
      ["colour=blue", "colour"],
    ];
    for (const [query, field] of cases) {
      const response = await api(noticesRoute, `/api/v1/notices?${query}`);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error: { fields?: Record<string, string[]> } };
      // A list's bad value is named with its place (status.0)
      expect(Object.keys(body.error.fields ?? {}).map((key) => key.split(".")[0]), query).toContain(field);
    }
    const page = await readTablePage(noticesTable, t.db, { today: TODAY }, new URLSearchParams("cpv=8512"));
    expect(page).toEqual({ ok: false, error: expect.stringContaining("cpv must be a CPV division") });
  });

  it("lists a payer's spend with the bodies below it and the CCG-era lines of 11X as a predecessor's, by date", async () => {
    const response = await api(spendRoute, "/api/v1/spend?payer=QSL");
    const body = (await response.json()) as { data: Record<string, unknown>[]; total: number; next_offset: number | null; coverage: { spend: unknown[] } };
    expect(body.total).toBe(3);
    expect(body.data.map((r) => [r.payer_code, r.relation, r.payment_date, r.supplier_name])).toEqual([
      ["QSL", "self", "2022-07-31", "BARTS HEALTH NHS TRUST"],
      ["11X", "predecessor", "2021-04-30", "NOTARO CARE HOMES"],
      ["11X", "predecessor", "2021-04-30", "AIVEDA LTD"],
    ]);
    expect(body.data[0]).toMatchObject({ payer_name: "NHS Somerset ICB", amount: 73000, source: expect.stringContaining("nhs_procurement.csv") });
    expect(body.coverage.spend).toHaveLength(3);
    const oldest = (await (await api(spendRoute, "/api/v1/spend?payer=QSL&sort=date&limit=1")).json()) as { data: { supplier_name: string }[]; next_offset: number };
    expect(oldest).toMatchObject({ data: [{ supplier_name: "AIVEDA LTD" }], next_offset: 1 });
    expect(((await (await api(spendRoute, "/api/v1/spend?payer=QSL&supplier=notaro")).json()) as { total: number }).total).toBe(1);
    expect(((await (await api(spendRoute, "/api/v1/spend?payer=QSL&from=2022-01-01&to=2022-12-31")).json()) as { total: number }).total).toBe(1);
    expect(((await (await api(spendRoute, "/api/v1/spend?payer=11X")).json()) as { data: { relation: string }[] }).data.map((r) => r.relation)).toEqual(["predecessor", "predecessor"]);
    const csv = parse(await (await api(spendRoute, "/api/v1/spend?payer=QSL&format=csv")).text(), { columns: true }) as Record<string, string>[];
    expect(csv.map((r) => r.amount)).toEqual(["73000.00", "30070.53", "28349.91"]);
    for (const [query, field] of [["", "payer"], ["payer=NOPE9", "payer"], ["payer=QSL&from=2023-01-01&to=2022-01-01", "to"], ["payer=QSL&sort=amount", "sort"], ["payer=QSL&offset=-1", "offset"]]) {
      const bad = await api(spendRoute, `/api/v1/spend?${query}`);
      expect(bad.status, query).toBe(400);
      expect(Object.keys(((await bad.json()) as { error: { fields: object } }).error.fields), query).toContain(field);
    }
  });

  it("keeps a team's saved contracts views from every other team, and apart from its explorer views", async () => {
    const annCtx = (await authenticateCookies(t.db, ann.cookie, null))!;
    const bobCtx = (await authenticateCookies(t.db, bob.cookie, null))!;
    const view = await createView(t.db, annCtx, { page: "contracts", name: "Welsh tenders", query: "nation=wales&open=1" });
    await createView(t.db, annCtx, { page: "explorer", name: "Welsh boards", query: "nation=wales" });
    expect((await listViews(t.db, annCtx, "contracts")).map((v) => v.name)).toEqual(["Welsh tenders"]);
    expect(await listViews(t.db, bobCtx, "contracts")).toEqual([]);
    await expect(getView(t.db, bobCtx, view.id)).rejects.toMatchObject({ code: "not-found" });
    // The same name may be used by another team
    await expect(createView(t.db, bobCtx, { page: "contracts", name: "Welsh tenders", query: "nation=wales" })).resolves.toMatchObject({ page: "contracts" });
  });
});
