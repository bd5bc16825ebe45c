// The board: every priority side by side with its RAG counts, and the
// month-on-month trend from the frozen month-end snapshots.
import type { IsoDate, Lead } from '../model';
import { compareRefs } from '../refs';
import type { MonthSnapshot } from '../snapshots';
import { selectExceptions } from '../exceptions';
import { actionRow } from './action-row';
import { emptyCounts, ragCounts } from './group-view';
import { actionsOfGroup, groupAccess, groupOfAction, type PlanIndex } from './plan-index';
import type { BoardViewData, RagCounts } from './view-types';

export function trendOf(snapshots: MonthSnapshot[]): BoardViewData['trend'] {
  return [...snapshots]
    .sort((a, b) => a.month.localeCompare(b.month))
    .map((s) => {
      const counts = emptyCounts();
      const byPriority: Record<string, RagCounts> = {};
      for (const e of s.actions) {
        counts[e.rag]++;
        (byPriority[e.priorityRef] ??= emptyCounts())[e.rag]++;
      }
      return { month: s.month, takenAt: s.takenAt, counts, byPriority };
    });
}

/**
 * The board's one-page list of Reds, in the lead's words: only from groups the
 * viewer may open in full, so a board member (aggregates only) gets a count.
 */
export function redsFor(ix: PlanIndex, viewer: Lead, today: IsoDate): Pick<BoardViewData, 'reds' | 'redsNotShown'> {
  const red = ix.plan.actions.filter((a) => a.value.rag === 'Red').sort((a, b) => compareRefs(a.value.ref, b.value.ref));
  const visible = red.filter((a) => {
    const group = groupOfAction(ix, a.value);
    return group !== undefined && groupAccess(ix, viewer, group.key) === 'all';
  });
  return { reds: visible.map((a) => actionRow({ ix, viewer, today }, a)), redsNotShown: red.length - visible.length };
}

/** The board without its list of Reds: the same for everyone who may open it, so the server keeps one per version of the plan. */
export function boardBase(ix: PlanIndex, snapshots: MonthSnapshot[], today: IsoDate): Omit<BoardViewData, 'reds' | 'redsNotShown' | 'asAt'> {
  const priorities = [...ix.priorities.values()]
    .sort((a, b) => Number(a.ref) - Number(b.ref) || a.ref.localeCompare(b.ref))
    .map((p) => {
      const group = ix.groups.get(p.deliveryGroupKey);
      const actions = actionsOfGroup(ix, p.deliveryGroupKey).filter((a) => a.value.priorityRef === p.ref);
      return {
        ref: p.ref,
        title: p.title,
        groupKey: p.deliveryGroupKey,
        groupName: group?.name ?? '',
        counts: ragCounts(actions.map((a) => a.value)),
        total: actions.length,
        exceptions: selectExceptions(
          actions.map((a) => a.value),
          ix.plan,
          today,
        ).length,
      };
    });
  return { priorities, totals: ragCounts(ix.plan.actions.map((a) => a.value)), trend: trendOf(snapshots) };
}

export function boardView(ix: PlanIndex, snapshots: MonthSnapshot[], today: IsoDate, asAt: string, viewer: Lead): BoardViewData {
  return { ...boardBase(ix, snapshots, today), ...redsFor(ix, viewer, today), asAt };
}
