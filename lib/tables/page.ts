// What a server table hands to the page that shows it: one page of rows with the state that made it.
// No server imports: client table components take this type as their one data prop.

export type TablePage<Row, Sort extends string = string> = {
  rows: Row[];
  /** Matching rows in all; a lower bound when totalExact is false */
  total: number;
  totalExact: boolean;
  /** 1-based; past-the-end requests have already been moved to the last page */
  page: number;
  size: number;
  sort: Sort;
  hasNextPage: boolean;
  /** Feeds paged by key (notes, audit): the `before` of the next, older page; null on the last */
  nextBefore?: string | null;
};

/** A table's URL read on the server: its page, or the message for a bad parameter (shown in place of the table). */
export type TableRead<Row, Filters, Sort extends string = string> =
  | { ok: true; page: TablePage<Row, Sort>; filters: Filters }
  | { ok: false; error: string };
