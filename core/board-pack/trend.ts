// The board pack's month-on-month trend: the store's frozen month-end
// snapshots, counted per priority by the same function as the tab's board
// (core/views/board-view.ts trendOf), so the pack and the board agree.
import type { MonthSnapshot } from '../snapshots';
import { trendOf } from '../views/board-view';
import type { TrendPoint } from './model';

/** One point per snapshot, oldest month first: each priority's RAG counts as that month closed. */
export function trendFromSnapshots(snapshots: MonthSnapshot[]): TrendPoint[] {
  return trendOf(snapshots).map((t) => ({ month: t.month, counts: t.byPriority }));
}
