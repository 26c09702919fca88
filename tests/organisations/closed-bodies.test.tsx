import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listClosedWithSuccessors } from "@/lib/organisations/read";
import { ClosedBodiesTable } from "@/components/organisations/closed-bodies-table";
import { createTestDatabase, type TestDatabase } from "../support/database";

describe("the structure page's closed bodies, on the real data", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const rowOf = (html: string, code: string) => html.slice(html.indexOf(`data-closed-code="${code}"`)).split("</tr>")[0]!;

  it("shows Frimley's QNQ split between the two new ICBs, and QRL as the ICB that took part of its area and continued", async () => {
    const html = renderToStaticMarkup(<ClosedBodiesTable bodies={await listClosedWithSuccessors(t.db, "icb")} caption="Closed ICBs" />);
    const qnq = rowOf(html, "QNQ");
    const [continued, split] = qnq.split("Split between");
    expect(continued).toContain("Took part of its area and continued");
    expect(continued).toContain("/organisations/QRL");
    expect(split).toContain("/organisations/S0E4D");
    expect(split).toContain("/organisations/S9B9J");
    expect(split).not.toContain("/organisations/QRL");
  });

  it("shows North Bristol NHS Trust merged into RA7", async () => {
    const html = renderToStaticMarkup(<ClosedBodiesTable bodies={await listClosedWithSuccessors(t.db, "nhs-trust")} caption="Closed trusts" />);
    expect(rowOf(html, "RVJ")).toMatch(/Merged into.*\/organisations\/RA7/);
  });
});
