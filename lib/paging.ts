// Paged tables (the explorer, a profile's bodies below, a list's entries) share page sizes and the
// reading of `page` and `size` from their URL. No server imports: the browser uses the sizes too.
import { AppError } from "@/lib/errors";

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;

/** The page and page size of a table's URL; anything else is a clear error, not a silent default. */
export function readPaging(params: URLSearchParams): { page: number; size: number } {
  const sizeText = params.get("size");
  const size = sizeText === null ? DEFAULT_PAGE_SIZE : Number(sizeText);
  if (!PAGE_SIZES.includes(size as (typeof PAGE_SIZES)[number])) {
    throw new AppError("invalid", `size must be one of ${PAGE_SIZES.join(", ")}.`, { size: ["Unsupported page size"] });
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
