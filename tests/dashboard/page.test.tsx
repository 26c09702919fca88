// The dashboard page's loader and server-rendered markup: one query per chart, empty states that
// say what to do for a new team, headings, tables and links; and colours with enough contrast.
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => {} }) }));

import { loadDashboard } from "@/lib/dashboard";
import { ARRANGEMENT_COLOURS, NATION_COLOURS, OVERDUE_COLOURS, SERIES_COLOURS, STAGE_COLOURS } from "@/lib/dashboard/labels";
import { Dashboard } from "@/components/dashboard/dashboard";
import { wrapLabel } from "@/components/dashboard/chart-kit";
import { createUserByOperator } from "@/lib/auth/accounts";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { PASSWORD } from "../support/auth";
import { countingClient } from "../support/counting-client";
import { contextFor, seedTeamWork, type SeededTeam } from "./seed";

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrastWithWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

describe("the dashboard page", () => {
  let t: TestDatabase;
  let seeded: SeededTeam;
  let fresh: ReturnType<typeof contextFor>;

  beforeAll(async () => {
    t = await createTestDatabase();
    seeded = await seedTeamWork(t.db, { team: "Team A", users: [{ email: "ann@a.example", name: "Ann Analyst", password: PASSWORD }, { email: "bob@a.example", name: "Bob Bidder", password: PASSWORD }] });
    const created = await createUserByOperator(t.db, { email: "nina@new.example", password: PASSWORD, name: "Nina New", team: "New team", role: "owner" });
    fresh = contextFor({ id: created.userId, email: "nina@new.example", name: "Nina New" }, { id: created.teamId, name: "New team" }, "owner");
  });
  afterAll(() => t.drop());

  it("asks the database once for the filters and once per chart, and no more", async () => {
    const calls: string[] = [];
    await loadDashboard(countingClient(t.db, calls), seeded.users[0]!.ctx, { nation: "england", region: "Y62", icb: "QYG", list: seeded.lists.epr });
    expect(calls).toHaveLength(1 + 1 + 6 + 1 + 1); // filters, one read of the three charts the import computed, the six other charts, the procurement coverage, the notice of accounts that merged
    expect(calls.every((c) => c.startsWith("$queryRaw"))).toBe(true);
    const freshCalls: string[] = [];
    await loadDashboard(countingClient(t.db, freshCalls), fresh, {});
    expect(freshCalls).toHaveLength(1 + 1 + 2 + 1 + 1); // filters, the three precomputed market charts in one read, the two dated ones, the procurement coverage, notes: no pipeline queries without a list
  });

  it("shows a new team how to start a list instead of empty axes", async () => {
    const html = renderToStaticMarkup(<Dashboard data={await loadDashboard(t.db, fresh, {})} teamName="New team" canWrite />);
    expect(html).toContain("Start your team&#x27;s pipeline");
    expect(html).toMatch(/<a[^>]+href="\/lists"[^>]*>Create a target list<\/a>/);
    expect(html).toContain("No notes in the last 26 weeks");
    expect(html).not.toContain("Pipeline by stage");
    expect(html).not.toContain("Overdue next steps");
    // The market charts are there with their headings, Excel and CSV links and the structure page link
    for (const heading of ["Population and allocation by ICB, health board and LHB", "How the system is structured: bodies by kind and nation", "Who commissions what", "The size of primary care networks"]) {
      expect(html).toMatch(new RegExp(`<h3[^>]*>${heading}</h3>`));
    }
    expect(html).toContain('href="/api/v1/dashboard/population-allocation?bom=1"');
    expect(html).toContain('href="/api/v1/dashboard/population-allocation?format=xlsx"');
    expect(html).toContain('href="/structure"');
    // PCN sizes by registered patients (NHS England's April 2026 practice file), the month said
    expect(html).toMatch(/a median of [\d,]+ registered patients \(April 2026, the sum of their practices&#x27; lists\)/);
  });

  it("tells a viewer who can create the list", async () => {
    const html = renderToStaticMarkup(<Dashboard data={await loadDashboard(t.db, { ...fresh, role: "viewer" }, {})} teamName="New team" canWrite={false} />);
    expect(html).not.toContain("Create a target list");
    expect(html).toContain("ask an analyst, admin or owner");
  });

  it("draws the team's cards once it has lists, with links filtered to what they count", async () => {
    const html = renderToStaticMarkup(<Dashboard data={await loadDashboard(t.db, seeded.users[0]!.ctx, { list: seeded.lists.epr })} teamName="Team A" canWrite />);
    for (const heading of ["Pipeline by stage", "Coverage of ICBs and boards", "Notes written per week", "Overdue next steps"]) expect(html).toMatch(new RegExp(`<h3[^>]*>${heading}</h3>`));
    expect(html).toContain(`href="/lists/${seeded.lists.epr}"`);
    expect(html).toContain(`/api/v1/dashboard/pipeline?list=${seeded.lists.epr}&amp;bom=1`);
    expect(html).toContain("EPR replacement 2027");
  });

  it("says which filters it left out", async () => {
    const html = renderToStaticMarkup(<Dashboard data={await loadDashboard(t.db, fresh, { nation: "narnia", region: "Y61" })} teamName="New team" canWrite />);
    expect(html).toContain("Some filters were left out");
    expect(html).toContain("nation must be one of");
    expect(html).toContain("East of England");
  });

  it("uses chart colours with at least 3:1 contrast on white, and wraps long axis labels", () => {
    const colours = [...Object.values(NATION_COLOURS), ...SERIES_COLOURS, ...Object.values(ARRANGEMENT_COLOURS), ...Object.values(STAGE_COLOURS), ...Object.values(OVERDUE_COLOURS)];
    for (const colour of colours) expect(contrastWithWhite(colour), colour).toBeGreaterThanOrEqual(3);
    expect(wrapLabel("Bath and North East Somerset, Swindon and Wiltshire", 17)).toEqual(["Bath and North", "East Somerset…"]);
    expect(wrapLabel("Cheshire and Merseyside", 32)).toEqual(["Cheshire and Merseyside"]);
  });
});
