// The board: every priority side by side with its RAG counts, and the
// month-on-month trend from the frozen month-end snapshots.
import type { IsoDate } from '../model';
import type { MonthSnapshot } from '../snapshots';
import { selectExceptions } from '../exceptions';
import { emptyCounts, ragCounts } from './group-view';
import { actionsOfGroup, type PlanIndex } from './plan-index';
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

export function boardView(ix: PlanIndex, snapshots: MonthSnapshot[], today: IsoDate, asAt: string): BoardViewData {
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
        exceptions: selectExceptions(actions.map((a) => a.value), ix.plan, today).length,
      };
    });
  return { priorities, totals: ragCounts(ix.plan.actions.map((a) => a.value)), trend: trendOf(snapshots), asAt };
}
