// The rule every server table's navigation follows: a change of what matches starts again on the
// first page and leaves the saved view; paging and page size keep both.
import { describe, expect, it } from "vitest";
import { nextQuery } from "@/components/data-table/query-string";

describe("a server table's next URL", () => {
  const current = "?kind=icb,pcn&page=3&view=North+West&size=100";

  it("goes back to the first page and out of the saved view when a filter changes", () => {
    expect(nextQuery(current, (p) => p.set("nation", "wales"))).toBe("kind=icb,pcn&size=100&nation=wales");
  });

  it("keeps the saved view and the page when only the page changes", () => {
    expect(nextQuery(current, (p) => p.set("page", "4"), { resetPage: false })).toBe("kind=icb,pcn&page=4&view=North+West&size=100");
  });
});
