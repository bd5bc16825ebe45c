// Splits a lead's actions into card-sized pages. Pages are 1-based because the
// number is shown to people ("Page 2 of 4") and travels in button data.

export const DEFAULT_PAGE_SIZE = 5;

export interface Page<T> {
  items: T[];
  /** The page actually shown: a stale or hand-edited page number is pulled back into range. */
  page: number;
  pageCount: number;
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

export function pageOf<T>(all: readonly T[], page: number, pageSize = DEFAULT_PAGE_SIZE): Page<T> {
  const size = Number.isInteger(pageSize) && pageSize > 0 ? pageSize : DEFAULT_PAGE_SIZE;
  const pages = pageCount(all.length, size);
  const wanted = Number.isInteger(page) ? page : 1;
  const shown = Math.min(Math.max(wanted, 1), pages);
  return { items: all.slice((shown - 1) * size, shown * size), page: shown, pageCount: pages };
}
