// The pure OCDS layer: validation at the boundary, the repair of double-encoded UTF-8, and the
// merge of a process's releases. Releases are real ones from data/procurement/ocds, read as shipped.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileProcess, parseRelease, repairLostLineBreaks, repairMojibake, type ParsedRelease } from "@/lib/procurement/ocds";

const OCDS = path.join(process.cwd(), "data", "procurement", "ocds");
const read = (folder: string, file: string) => JSON.parse(readFileSync(path.join(OCDS, folder, file), "utf8")) as Record<string, unknown>;
const parsed = (release: unknown): ParsedRelease => {
  const result = parseRelease(release);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
};

describe("double-encoded UTF-8", () => {
  it("repairs the mojibake the feeds carry", () => {
    expect(repairMojibake("10â€¯am")).toBe("10\u202Fam");
    expect(repairMojibake("the Trustâ€™s estate")).toBe("the Trust’s estate");
    expect(repairMojibake("CafÃ©")).toBe("Café");
    expect(repairMojibake("Â£25,000")).toBe("£25,000");
    // twice mangled, and mangled beside correct text that is not Latin-1
    expect(repairMojibake("Ã¢â‚¬â„¢")).toBe("’");
    expect(repairMojibake("“Quoted” and donâ€™t")).toBe("“Quoted” and don’t");
  });

  it("leaves correct text alone", () => {
    for (const text of ["Café", "£25,000", "Ysbyty Gwynedd, Bangor — Betsi Cadwaladr", "Ŵyr", "naïve", "50% à 10 €", "plain ASCII"]) expect(repairMojibake(text)).toBe(text);
  });
});

describe("parsing a release", () => {
  const release = read("contracts-finder", "02d6ce8b-83f0-4993-869c-c177d2efbd52-832939.json");

  it("says which required field is missing", () => {
    for (const field of ["ocid", "date", "tag"]) {
      const rest = { ...release };
      delete rest[field];
      expect(parseRelease(rest)).toEqual({ ok: false, reason: `${field} is missing` });
    }
    expect(parseRelease({ ...release, id: "" })).toEqual({ ok: false, reason: "id is empty" });
  });

  it("keys a release the publisher gave no id (as Public Contracts Scotland publishes) by its date, and says so", () => {
    const rest: Record<string, unknown> = { ...release };
    delete rest.id;
    expect(parsed(rest)).toMatchObject({ keyedByDate: true, release: { id: `no-release-id@${release.date}` } });
    expect(parsed(release).keyedByDate).toBeUndefined();
    expect(parseRelease({ ...release, date: "soon" })).toEqual({ ok: false, reason: "date is not a date" });
    expect(parseRelease([release])).toMatchObject({ ok: false });
  });

  it("gives back the line breaks the sample's copier wrote as the letters rn, and leaves words with rn alone", () => {
    expect(repairLostLineBreaks("open market tender.rn The purpose")).toBe("open market tender.\n The purpose");
    expect(repairLostLineBreaks("Scheme:rnGallif")).toBe("Scheme:\nGallif");
    expect(repairLostLineBreaks("levels. rnrn The scope")).toBe("levels. \n\n The scope");
    for (const text of ["the Southern Norwich", "Wyvern House", "RN nurses", "learn 2", "modern"]) expect(repairLostLineBreaks(text)).toBe(text);
    // In the shipped Sell2Wales release that has it, no "rn" is left after a full stop
    const repaired = parsed(read("sell2wales", "ocds-kuma6s-147685-release-147685.json")).release as unknown as { tender: { description: string } };
    expect(repaired.tender.description).toContain("open market tender.\n");
    expect(repaired.tender.description).not.toMatch(/\.rn\b/);
  });

  it("knows the publisher by the ocid prefix and hashes the same release the same", () => {
    const a = parsed(release);
    expect(a.source).toBe("contracts-finder");
    expect(parsed(JSON.parse(JSON.stringify(release))).hash).toBe(a.hash);
    expect(parsed({ ...release, language: "cy" }).hash).not.toBe(a.hash);
    expect(parseRelease({ ...release, ocid: "ocds-zzzzzz-1" })).toMatchObject({ ok: false, reason: expect.stringContaining("no known publisher prefix") });
  });
});

describe("compiling a process from its releases", () => {
  // ocds-b5fd17-09a309a3-…: an award (832939) and its awardUpdate (832942), both real releases of Contracts Finder
  const award = parsed(read("contracts-finder", "02d6ce8b-83f0-4993-869c-c177d2efbd52-832939.json"));
  const update = parsed(read("contracts-finder", "02d6ce8b-83f0-4993-869c-c177d2efbd52-832942.json"));

  it("merges an award and its awardUpdate by id, in date order whatever the order given", () => {
    const process = compileProcess([update, award], new Date("2026-11-23"));
    const awards = process.compiled.awards as { id: string }[];
    expect(awards.map((a) => a.id)).toEqual(["ocds-b5fd17-09a309a3-8541-48b9-91c4-411c52e5bd34-1"]);
    expect(process.releaseCount).toBe(2);
    expect(process.publishedAt).toBe(new Date(award.release.date).toISOString());
    expect(process.updatedAt).toBe(new Date(update.release.date).toISOString());
    expect(process.status).toBe("awarded");
    expect(process.buyerName).toBe("Southampton City Council");
    expect(process.buyerIdentifier).toBe("GB-SRS-sid4gov.cabinetoffice.gov.uk/jxfb36Bw");
    expect(process.suppliers).toEqual([{ name: "PwC (PricewaterhouseCoopers)", identifier: "GB-COH-OC303525" }]);
    expect(process.cpvCodes[0]).toBe("66000000");
    expect(process.contractEnd).toBe("2025-03-21");
    expect(process.url).toBe("https://www.contractsfinder.service.gov.uk/Notice/02d6ce8b-83f0-4993-869c-c177d2efbd52");
    // The later release's values stand where they differ
    const updatedValue = ((update.release.awards as { value: { amount: number } }[])[0]!).value.amount;
    expect(process.valueMax).toBe(updatedValue);
  });

  it("refuses releases of two processes", () => {
    const other = parsed(read("sell2wales", readdirSync(path.join(OCDS, "sell2wales"))[0]!));
    expect(() => compileProcess([award, other])).toThrow(/one ocid/);
  });
});
