// Reads what a board pack needs through the PlanStore port, then builds it.
// The trend comes from the month-end snapshots the store keeps.
// History is kept per action, so it takes one read per action in the pack;
// a few run at once, which keeps a SharePoint store well inside Graph's
// throttling limits while not waiting on each request in turn.
import { NotFoundError } from '../errors';
import type { ActionUpdate, IsoDate } from '../model';
import type { PlanStore } from '../ports';
import { buildBoardPack } from './build';
import type { BoardPack } from './model';
import type { Period } from './period';
import { trendFromSnapshots } from './trend';

export interface LoadBoardPackOptions {
  today: IsoDate;
  period: Period;
  groupKey?: string;
  name?: string;
}

const HISTORY_READS_AT_ONCE = 4;

/** Throws NotFoundError, before any history is read, for a delivery group that does not exist. */
export async function loadBoardPack(store: PlanStore, opts: LoadBoardPackOptions): Promise<BoardPack> {
  const plan = await store.loadPlan();
  const group = opts.groupKey === undefined ? undefined : plan.deliveryGroups.find((g) => g.key === opts.groupKey);
  if (opts.groupKey !== undefined && !group) {
    throw new NotFoundError(
      plan.deliveryGroups.length
        ? `There is no delivery group "${opts.groupKey}"; the keys are ${plan.deliveryGroups.map((g) => g.key).join(', ')}.`
        : `There is no delivery group "${opts.groupKey}": the plan has no delivery groups yet.`,
    );
  }
  const priorities = new Set(plan.priorities.filter((p) => !group || p.deliveryGroupKey === group.key).map((p) => p.ref));
  const refs = plan.actions
    .map((a) => a.value)
    .filter((a) => priorities.has(a.priorityRef))
    .map((a) => a.ref);
  const history: ActionUpdate[] = [];
  for (let i = 0; i < refs.length; i += HISTORY_READS_AT_ONCE) {
    const batch = await Promise.all(refs.slice(i, i + HISTORY_READS_AT_ONCE).map((ref) => store.actionHistory(ref)));
    history.push(...batch.flat());
  }
  const measurements = await store.kpiMeasurements();
  // The trend is the store's frozen month-end snapshots: later edits never change a month already taken.
  const trend = trendFromSnapshots(await store.listMonthSnapshots());
  return buildBoardPack({ plan, history, measurements, trend, today: opts.today, period: opts.period, groupKey: opts.groupKey, name: opts.name });
}
