// Manual buyer matches: global, made by operators only, through the page's server actions, audited,
// and kept across re-imports. The notices are the shipped sample the template holds.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/next-request-scope").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("../support/next-request-scope").then((m) => m.nextCache));

import BuyerMatchingPage from "@/app/(app)/admin/buyers/page";
import { matchBuyerAction, removeBuyerMatchAction } from "@/lib/procurement/actions";
import { buyerKeyOf } from "@/lib/procurement/buyers";
import { importPaths, SHIPPED_PATHS } from "@/lib/procurement/import";
import { buyerNamesTable } from "@/lib/procurement/manual-matches";
import { readTablePage } from "@/lib/tables/server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { signedInUser, type TestUser } from "../support/auth";
import { actAs } from "../support/next-request-scope";

// "East & North Hertfordshire NHS Trust" (12 notices of dataset A) matches no body by rule: its key
// is also a former name of a CCG, which a trust's name never takes. Its body is RWH.
const BUYER = "East & North Hertfordshire NHS Trust";

describe("matching a buyer by hand", () => {
  let t: TestDatabase;
  let owner: TestUser, operator: TestUser;
  let buyerKey: string;
  const codesOf = async () => (await t.db.procurementProcess.findMany({ where: { buyerName: BUYER }, select: { buyerCode: true, buyerMatchMethod: true, buyerMatchedBy: true }, distinct: ["buyerCode", "buyerMatchMethod", "buyerMatchedBy"] }));

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    owner = await signedInUser(t.db, "owner@a.example", "Team A", "owner");
    operator = await signedInUser(t.db, "operator@b.example", "Team B", "viewer");
    await t.db.user.update({ where: { id: operator.userId }, data: { isOperator: true } });
    buyerKey = await buyerKeyOf(t.db, BUYER);
  });
  afterAll(() => t.drop());

  it("lists the unmatched buyer names with their notice counts, searchable and paged on the server", async () => {
    const read = await readTablePage(buyerNamesTable, t.db, null, new URLSearchParams({ q: "Hertfordshire", size: "25" }));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.page.rows).toContainEqual({ buyerKey, buyerName: BUYER, notices: 22, manual: null });
    const all = await readTablePage(buyerNamesTable, t.db, null, new URLSearchParams({ size: "25", page: "2" }));
    expect(all.ok && all.page.rows.length).toBe(25);
  });

  it("is not there for a team owner who is not an operator: the page is 404 and the action refused as not found", async () => {
    actAs(owner.cookie);
    await expect(BuyerMatchingPage({ searchParams: Promise.resolve({}) })).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    expect(await matchBuyerAction({ buyerKey, code: "RWH" })).toMatchObject({ ok: false, code: "not-found" });
    expect((await codesOf()).map((m) => m.buyerCode)).toEqual([null]);
  });

  it("applies an operator's match to every notice of the name, for every team, audited", async () => {
    actAs(operator.cookie);
    await expect(BuyerMatchingPage({ searchParams: Promise.resolve({}) })).resolves.toBeTruthy();
    expect(await matchBuyerAction({ buyerKey, code: "rwh" })).toEqual({ ok: true, data: { notices: 22 } });
    expect(await codesOf()).toEqual([{ buyerCode: "RWH", buyerMatchMethod: "manual", buyerMatchedBy: "operator@b.example" }]);
    // Notices have no team: the match is the same for every team, not only the operator's
    const seenBy = await t.db.procurementProcess.count({ where: { buyerCode: "RWH", buyerMatchMethod: "manual" } });
    expect(seenBy).toBe(22);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "procurement.buyer-matched" } });
    expect(audit).toMatchObject({ teamId: operator.teamId, userId: operator.userId, target: `buyer:${(await t.db.procurementBuyerMatch.findUniqueOrThrow({ where: { buyerKey } })).buyerName}`, after: { code: "RWH" } });
    expect(await matchBuyerAction({ buyerKey, code: "NOPE1" })).toMatchObject({ ok: false, code: "invalid", fieldErrors: { code: ["No body has this code"] } });
  });

  it("survives a re-import of the sample", async () => {
    const report = await importPaths(t.db, SHIPPED_PATHS, { now: new Date("2026-11-23T12:00:00Z") });
    expect(report.releases.releasesAdded).toBe(0);
    // Even when the notices are written again from scratch, the manual match is applied first
    await t.db.$executeRawUnsafe("DELETE FROM procurement_release; DELETE FROM procurement_process;");
    await importPaths(t.db, SHIPPED_PATHS, { now: new Date("2026-11-23T12:00:00Z") });
    expect(await codesOf()).toEqual([{ buyerCode: "RWH", buyerMatchMethod: "manual", buyerMatchedBy: "operator@b.example" }]);
  });

  it("can be removed by an operator, and the importer's rules apply again", async () => {
    actAs(owner.cookie);
    expect(await removeBuyerMatchAction({ buyerKey })).toMatchObject({ ok: false, code: "not-found" });
    actAs(operator.cookie);
    expect(await removeBuyerMatchAction({ buyerKey })).toEqual({ ok: true, data: null });
    expect((await codesOf()).map((m) => m.buyerCode)).toEqual([null]);
  });
});
