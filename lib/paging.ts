// Paged tables (the explorer, a profile's bodies below, a list's entries) share page sizes and the
// reading of `page` and `size` from their URL. No server imports: the browser uses the sizes too.
import { AppError } from "@/lib/errors";

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;

/**
 * A table's one rule for how many rows a page holds: the sizes its page offers, the default, and
 * the range of the API's `limit` (wider than the page's choices, for scripts).
 */
export type PageSizes = { choices: readonly number[]; default: number; limit: { min: number; max: number } };

/** The sizes of the explorer's and the list entries' tables. */
export const PAGED_TABLE_SIZES: PageSizes = { choices: PAGE_SIZES, default: DEFAULT_PAGE_SIZE, limit: { min: 1, max: 500 } };

/** The page and page size of a table's URL; anything else is a clear error, not a silent default. */
export function readPaging(params: URLSearchParams, sizes: PageSizes = PAGED_TABLE_SIZES): { page: number; size: number } {
  const sizeText = params.get("size");
  const size = sizeText === null ? sizes.default : Number(sizeText);
  if (!sizes.choices.includes(size)) {
    throw new AppError("invalid", `size must be one of ${sizes.choices.join(", ")}.`, { size: ["Unsupported page size"] });
  }
  const pageText = params.get("page");
  const page = pageText === null ? 1 : Number(pageText);
  if (!Number.isInteger(page) || page < 1) throw new AppError("invalid", "page must be a whole number from 1.", { page: ["Invalid page"] });
  return { page, size };
}

/** A page's searchParams as URLSearchParams (repeated keys kept), less the keys in `omit`. */
export function toSearchParams(record: Record<string, string | string[] | undefined>, omit: string[] = []): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    if (omit.includes(key)) continue;
    for (const v of ([] as string[]).concat(value ?? [])) params.append(key, v);
  }
  return params;
}
