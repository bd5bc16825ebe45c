// planpulse snapshot [--month YYYY-MM] [--list]: takes the month-end snapshot
// the board's trend is drawn from (the scheduler does it on its own after each
// month end), or lists those kept. A month already kept is never retaken.
import type { Config } from '../app/config';
import { openStore } from '../app/open-store';
import { formatInstant } from '../core/dates';
import { InvalidError } from '../core/errors';
import { RAG_STATUSES } from '../core/model';
import { takeMonthSnapshot, type MonthSnapshot } from '../core/snapshots';

interface Io {
  out(line: string): void;
  err(line: string): void;
}

const countsInWords = (s: MonthSnapshot) =>
  RAG_STATUSES.map((r) => `${r} ${s.actions.filter((a) => a.rag === r).length}`).join(', ');

export async function snapshot(args: string[], config: Config, io: Io, now: () => Date = () => new Date()): Promise<number> {
  const i = args.indexOf('--month');
  const month = i >= 0 ? args[i + 1] : undefined;
  const unknown = args.filter((a, n) => a !== '--month' && a !== '--list' && !(i >= 0 && n === i + 1));
  if ((i >= 0 && !month) || unknown.length) {
    io.err('usage: planpulse snapshot [--month YYYY-MM] [--list]');
    return 2;
  }
  const store = await openStore(config);
  try {
    if (args.includes('--list')) {
      const all = await store.listMonthSnapshots();
      if (!all.length) io.out('No month-end snapshots yet: the first is taken after this month ends (or run planpulse snapshot).');
      for (const s of all) io.out(`${s.month}  taken ${formatInstant(s.takenAt)}  ${s.actions.length} actions (${countsInWords(s)})`);
      return 0;
    }
    const r = await takeMonthSnapshot(store, now(), month);
    if (!r.taken) {
      io.err(`Not taken: ${r.reason}`);
      return 1;
    }
    io.out(`Took the ${r.snapshot.month} month-end snapshot: ${r.snapshot.actions.length} actions (${countsInWords(r.snapshot)}).`);
    return 0;
  } catch (e) {
    if (e instanceof InvalidError) {
      io.err(e.problems.join('\n'));
      return 2;
    }
    throw e;
  } finally {
    await store.close();
  }
}
