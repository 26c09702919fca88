import { describe, expect, it } from "vitest";
import { PRIORITY_LABELS, STAGE_LABELS } from "@/lib/target-lists/vocabulary";

describe("the words of a target list", () => {
  it("labels each stage and priority with its name, capitalised", () => {
    expect(STAGE_LABELS).toEqual({ identified: "Identified", researching: "Researching", engaged: "Engaged", proposal: "Proposal", won: "Won", lost: "Lost" });
    expect(PRIORITY_LABELS).toEqual({ high: "High", medium: "Medium", low: "Low" });
  });
});
