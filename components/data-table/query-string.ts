// A table's query string, as its URL shows it and as the next navigation makes it. A plain module
// (no "use client"): server components build their links with it too.

export type NavigateOptions = { resetPage?: boolean };
export type Navigate = (mutate: (params: URLSearchParams) => void, options?: NavigateOptions) => void;

export function toQueryString(params: URLSearchParams): string {
  // Commas are kept readable in lists (kind=icb,pcn; columns=code,name)
  return params.toString().replace(/%2C/gi, ",");
}

/**
 * The query a navigation leads to. A change of what matches (the default) goes back to the first
 * page and leaves the saved view, whose filters no longer hold; paging keeps both (resetPage: false).
 */
export function nextQuery(current: string, mutate: (params: URLSearchParams) => void, { resetPage = true }: NavigateOptions = {}): string {
  const params = new URLSearchParams(current);
  mutate(params);
  if (resetPage) {
    params.delete("page");
    params.delete("view");
  }
  return toQueryString(params);
}
