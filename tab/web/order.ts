// How the tab orders lists of actions: the sortable table columns (Ref in the
// plan's natural order, Due, Status) and "most urgent first" for My actions.
// Pure functions, so they are unit-tested without a browser.
import { compareRefs } from '../../core/refs';
import type { ActionRow, RagWord } from '../api/contract';

export type SortKey = 'ref' | 'due' | 'status';
export type SortDirection = 'ascending' | 'descending';
export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

/** Most serious first, as the board and the key list them. */
const SEVERITY: Record<RagWord, number> = { Red: 0, Amber: 1, Green: 2, Blue: 3, Grey: 4 };

type Row = Pick<ActionRow, 'ref' | 'dueDate' | 'rag' | 'flags'>;

/** Undated actions ("No date: dependent on…") go last whichever way the dates run. */
function byDue(a: Row, b: Row, dir: 1 | -1): number {
  if (a.dueDate && b.dueDate) return dir * a.dueDate.localeCompare(b.dueDate);
  if (a.dueDate) return -1;
  if (b.dueDate) return 1;
  return 0;
}

/** A new array in the chosen order; ties fall back to the ref, ascending. */
export function sortRows<T extends Row>(rows: readonly T[], sort: Sort): T[] {
  const dir = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (sort.key === 'ref') return dir * compareRefs(a.ref, b.ref);
    const d = sort.key === 'due' ? byDue(a, b, dir) : dir * (SEVERITY[a.rag] - SEVERITY[b.rag]);
    return d || compareRefs(a.ref, b.ref);
  });
}

/** What makes an action need its lead's update now (tab-design.md §2.6). */
export const needsUpdate = (r: Pick<ActionRow, 'flags'>) =>
  r.flags.includes('not-updated-this-cycle') || r.flags.includes('overdue') || r.flags.includes('needs-review');

/** Most urgent first: needing an update, then the most serious status, then the earliest date, then the ref. */
export function mostUrgentFirst<T extends Row>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) => Number(needsUpdate(b)) - Number(needsUpdate(a)) || SEVERITY[a.rag] - SEVERITY[b.rag] || byDue(a, b, 1) || compareRefs(a.ref, b.ref),
  );
}
