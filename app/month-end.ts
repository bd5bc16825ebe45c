// The month-end snapshot, taken by the scheduler's first tick after a month
// ends (London). Every instance ticks, and each may try: the store keeps the
// first snapshot of a month and refuses the rest (SQLite's primary key,
// SharePoint's unique month header), which is the claim, so the month is
// taken exactly once and never changed afterwards.
import type { PlanStore } from '../core/ports';
import { monthJustEnded, takeMonthSnapshot } from '../core/snapshots';

export async function monthEndSnapshot(store: PlanStore, now: Date, log: (line: string) => void): Promise<void> {
  try {
    if (await store.getMonthSnapshot(monthJustEnded(now))) return;
    const r = await takeMonthSnapshot(store, now);
    if (r.taken) log(`month-end snapshot of ${r.snapshot.month} taken: ${r.snapshot.actions.length} actions`);
  } catch (e) {
    // The next tick tries again; a missing snapshot only leaves a gap in the trend.
    log(`month-end snapshot failed: ${(e as Error).message}`);
  }
}
