// Month-end snapshots: every action's RAG and due date as a month closed, for
// the board's month-on-month trend. Frozen once taken: a store keeps the first
// snapshot of a month and refuses any other, so later edits (or a second
// instance racing to take the same month) never change it.
import { endOfMonth, formatInstant, londonDate } from './dates';
import { InvalidError } from './errors';
import type { IsoDate, IsoInstant, PlanSnapshot, RagStatus } from './model';
import type { PlanStore } from './ports';
import { compareRefs } from './refs';

export interface SnapshotEntry {
  ref: string;
  priorityRef: string;
  rag: RagStatus;
  dueDate?: IsoDate;
}

export interface MonthSnapshot {
  /** "2023-03": the month whose end it records. */
  month: string;
  takenAt: IsoInstant;
  actions: SnapshotEntry[];
}

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month before the one `now` falls in, in London: the month that most recently ended. */
export function monthJustEnded(now: Date): string {
  const [y, m] = londonDate(now).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function monthEnd(month: string): IsoDate {
  const [y, m] = month.split('-').map(Number);
  return endOfMonth(y, m);
}

export function snapshotOf(plan: PlanSnapshot, month: string, takenAt: IsoInstant): MonthSnapshot {
  const actions = plan.actions
    .map(({ value: a }) => {
      const e: SnapshotEntry = { ref: a.ref, priorityRef: a.priorityRef, rag: a.rag };
      if (a.dueDate) e.dueDate = a.dueDate;
      return e;
    })
    .sort((a, b) => compareRefs(a.ref, b.ref));
  return { month, takenAt, actions };
}

export type SnapshotResult = { taken: true; snapshot: MonthSnapshot } | { taken: false; existing: MonthSnapshot; reason: string };

/**
 * Takes the snapshot of `month` (default: the month just ended) unless the
 * store already has one. A month not yet ended cannot be snapshotted: its
 * end has not come.
 */
export async function takeMonthSnapshot(store: PlanStore, now: Date, month = monthJustEnded(now)): Promise<SnapshotResult> {
  if (!MONTH.test(month)) throw new InvalidError([`"${month}" is not a month: give it as YYYY-MM, e.g. 2023-03.`]);
  if (monthEnd(month) >= londonDate(now)) {
    throw new InvalidError([`${month} has not ended yet (today is ${londonDate(now)} in London): a month's snapshot is taken after it ends.`]);
  }
  const already = await store.getMonthSnapshot(month);
  if (already)
    return {
      taken: false,
      existing: already,
      reason: `${month} was already taken on ${formatInstant(already.takenAt)} (London); snapshots are frozen.`,
    };
  const snapshot = snapshotOf(await store.loadPlan(), month, now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  const saved = await store.saveMonthSnapshot(snapshot);
  if (!saved) {
    const existing = (await store.getMonthSnapshot(month))!;
    return { taken: false, existing, reason: `${month} was taken by another instance at ${existing.takenAt}.` };
  }
  return { taken: true, snapshot };
}
