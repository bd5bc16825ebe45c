// One action as the tab lists it: its facts, its flags for the filters, and
// what the person looking may do with it.
import { londonDate } from '../dates';
import { cycleStart, notUpdatedThisCycle } from '../exceptions';
import type { Action, Cadence, IsoDate, Lead, Versioned } from '../model';
import { canSignOff, canUpdate } from '../permissions';
import { isPastDue, ragInWords, reviewFlags } from '../rag';
import { actorContext, nameOf, type PlanIndex } from './plan-index';
import type { ActionFlag, ActionRowView } from './view-types';

export interface RowContext {
  ix: PlanIndex;
  /** The person looking; undefined for nobody (tests, the board). */
  viewer?: Lead;
  today: IsoDate;
  /** Rows changed after this date get the changed-since flag. */
  changedSince?: IsoDate;
}

// The cycle and "not updated this cycle" belong to the one exceptions rule (core/exceptions.ts).
export { cycleStart, notUpdatedThisCycle };

export function changedAfter(a: Action, since: IsoDate | undefined): boolean {
  return Boolean(since && a.lastUpdatedAt && londonDate(a.lastUpdatedAt) > since);
}

export function flagsOf(a: Action, cadence: Cadence, today: IsoDate, changedSince?: IsoDate): ActionFlag[] {
  const flags: ActionFlag[] = [];
  const review = reviewFlags(a, today);
  if (isPastDue(a, today)) flags.push('overdue');
  if (review.some((f) => f.kind !== 'awaiting-sign-off')) flags.push('needs-review');
  if (review.some((f) => f.kind === 'awaiting-sign-off')) flags.push('awaiting-sign-off');
  if (notUpdatedThisCycle(a, cadence, today)) flags.push('not-updated-this-cycle');
  if (a.leadKeys.length === 0) flags.push('unassigned');
  if (changedAfter(a, changedSince)) flags.push('changed-since');
  return flags;
}

export function actionRow(ctx: RowContext, versioned: Versioned<Action>): ActionRowView {
  const a = versioned.value;
  const actor = actorContext(ctx.ix, ctx.viewer, a);
  const cadence = actor.group?.cadence ?? 'monthly';
  const row: ActionRowView = {
    ref: a.ref,
    text: a.text,
    priorityRef: a.priorityRef,
    leads: a.leadKeys.map((key) => ({ key, name: nameOf(ctx.ix, key) ?? key })),
    rag: a.rag,
    ragWords: ragInWords(a.rag),
    flags: flagsOf(a, cadence, ctx.today, ctx.changedSince),
    reviewMessages: reviewFlags(a, ctx.today).map((f) => f.message),
    canUpdate: canUpdate(a, actor),
    canSignOff: canSignOff(a, actor) && Boolean(a.completionReportedAt) && a.rag !== 'Blue',
    etag: versioned.etag,
  };
  // An empty outcome ref is a plan without outcomes: no outcome to name.
  if (a.outcomeRef) row.outcomeRef = a.outcomeRef;
  if (a.dueDate) row.dueDate = a.dueDate;
  if (a.originalDueDate && a.originalDueDate !== a.dueDate) row.originalDueDate = a.originalDueDate;
  if (a.dueNote) row.dueNote = a.dueNote;
  if (a.commentary) row.commentary = a.commentary;
  if (a.lastUpdatedAt) row.lastUpdatedAt = a.lastUpdatedAt;
  const by = nameOf(ctx.ix, a.lastUpdatedBy);
  if (by) row.lastUpdatedByName = by;
  return row;
}
