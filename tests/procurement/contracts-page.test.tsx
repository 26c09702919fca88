// The contracts page and a notice's page as the server renders them: the table with the coverage
// note above it, the relation of a predecessor's notice, the add-buyer button (disabled with its
// reason when no body matched, absent for viewers), the team's own saved views only, the filter-error
// panel and the empty state. Fixtures: real records of nhs_procurement.csv, reshaped (fixtures.ts).
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/next-request-scope").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("../support/next-request-scope").then((m) => m.nextCache));
const search = vi.hoisted(() => ({ current: new URLSearchParams() }));
vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: () => {}, replace: () => {}, refresh: () => {} }),
  useSearchParams: () => search.current,
  usePathname: () => "/contracts",
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));

import ContractsPage from "@/app/(app)/contracts/page";
import NoticePage from "@/app/(app)/contracts/[id]/page";
import { authenticateCookies } from "@/lib/auth/context";
import { createView } from "@/lib/views";
import { signedInUser, type TestUser } from "../support/auth";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { actAs } from "../support/next-request-scope";
import { emptyProcurement, insertNotice } from "./fixtures";

describe("the contracts page", () => {
  let t: TestDatabase;
  let ann: TestUser;
  let vic: TestUser;
  let bob: TestUser;
  let blmkId: number;

  const render = async (user: TestUser, query: Record<string, string>) => {
    actAs(user.cookie);
    search.current = new URLSearchParams(query);
    return renderToStaticMarkup(await ContractsPage({ searchParams: Promise.resolve(query) }));
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    await emptyProcurement(t.db);
    ann = await signedInUser(t.db, "ann@a.example", "Team A", "analyst");
    vic = await signedInUser(t.db, "vic@a.example", "Team A", "viewer");
    bob = await signedInUser(t.db, "bob@b.example", "Team B", "admin");
    // NHS BLMK ICB (QHG, merged into S1Y5D in April 2026), as in the CSV
    blmkId = (await insertNotice(t.db, { ocid: "ocds-b5fd17-70fac9b8-dcfe-4b00-91a1-f10638dda1cc", title: "1969 Section 12 (S12) Digital Solution Market Engagement for NHS BLMK ICB", buyerName: "NHS Bedfordshire, Luton & Milton Keynes Integrated Care Board", buyerCode: "QHG", status: "unknown", publishedAt: "2025-04-17" })).id;
    // A commissioning support unit's award no body matches, as in the CSV
    await insertNotice(t.db, { ocid: "ocds-b5fd17-01684ff4-a53f-4698-86db-c83f99b5a3c7", title: "1767-1 Cyber Essentials Plus Assessment/Accreditation Services", buyerName: "NHS SOUTH, CENTRAL AND WEST COMMISSIONING SUPPORT UNIT", status: "awarded", publishedAt: "2024-12-18", value: 14100, contractStart: "2024-12-09", contractEnd: "2027-12-08" });
    await createView(t.db, (await authenticateCookies(t.db, ann.cookie, null))!, { page: "contracts", name: "BLMK digital", query: "q=digital" });
  });
  afterAll(() => t.drop());

  it("shows the notices under the coverage note, each buyer's relation, and one-click add for matched buyers", async () => {
    const html = await render(ann, { buyer: "S1Y5D" });
    expect(html.indexOf("Coverage of the procurement data")).toBeLessThan(html.indexOf("<table"));
    expect(html).toContain("Contracts Finder, 2 notices");
    expect(html).toContain("A sample; run a sync for the full feed.");
    expect(html).toContain(`href="/contracts/${blmkId}"`);
    expect(html).toContain("Published by a predecessor");
    expect(html).toContain('href="/organisations/QHG"');
    expect(html).toContain("Add buyers to");
    expect(html).toMatch(/Add buyer<span class="sr-only"> NHS Bedfordshire/);
    // Saved views of this page, and the export of the same filters
    expect(html).toContain("BLMK digital");
    expect(html).toContain("/api/v1/notices?buyer=S1Y5D&amp;format=xlsx");

    const all = await render(ann, {});
    expect(all).toContain("Buyer not matched to a body");
    expect(all).toMatch(/<button[^>]*disabled=""[^>]*aria-describedby="[^"]+"[^>]*>Add buyer/);
  });

  it("gives viewers no add buttons and other teams none of Team A's views", async () => {
    const viewer = await render(vic, {});
    expect(viewer).not.toContain("Add buyers to");
    expect(viewer).not.toContain("Save view");
    const other = await render(bob, {});
    expect(other).not.toContain("BLMK digital");
    expect(other).toContain("No saved views yet");
  });

  it("shows the filter-error panel for a bad parameter and an empty state when nothing matches", async () => {
    const bad = await render(ann, { ends_within_months: "0" });
    expect(bad).toContain("This table cannot show these filters");
    expect(bad).toContain("ends_within_months must be at least 1");
    const none = await render(ann, { q: "helicopter" });
    expect(none).toContain("No notices match these filters");
  });

  it("renders a notice's page with its buyer as published and as matched, the source and the coverage", async () => {
    actAs(ann.cookie);
    const html = renderToStaticMarkup(await NoticePage({ params: Promise.resolve({ id: String(blmkId) }) }));
    expect(html).toContain("NHS Bedfordshire, Luton &amp; Milton Keynes Integrated Care Board");
    expect(html).toContain('href="/organisations/QHG"');
    expect(html).toContain("By exact name, by importer");
    expect(html).toContain("https://www.contractsfinder.service.gov.uk/Notice/70fac9b8-dcfe-4b00-91a1-f10638dda1cc");
    expect(html).toContain("Coverage of the procurement data");
    await expect(NoticePage({ params: Promise.resolve({ id: "999999" }) })).rejects.toThrow("NEXT_NOT_FOUND");
  });
});
