// planpulse snapshot [--month YYYY-MM] [--list]: takes the month-end snapshot
// the board's trend is drawn from (the scheduler does it on its own after each
// month end), or lists those kept. A month already kept is never retaken.
import type { Config } from '../../app/config';
import { openStore } from '../../app/open-store';
import { formatInstant } from '../../core/dates';
import { InvalidError } from '../../core/errors';
import { RAG_STATUSES } from '../../core/model';
import { takeMonthSnapshot, type MonthSnapshot } from '../../core/snapshots';
import { DONE, FAILED, USAGE, type CommandSpec, type Io } from './shared';

const countsInWords = (s: MonthSnapshot) => RAG_STATUSES.map((r) => `${r} ${s.actions.filter((a) => a.rag === r).length}`).join(', ');

export const snapshot: CommandSpec = {
  name: 'snapshot',
  usage: 'snapshot [--month YYYY-MM] [--list] [--json]',
  summary: "keep the month-end snapshot of every action's RAG and due date (the board's trend); frozen once kept",
  flags: { month: { type: 'string' }, list: { type: 'boolean' }, json: { type: 'boolean' } },
  run: async ({ flags, positionals }, config, io) => {
    if (positionals.length) {
      io.err('usage: planpulse snapshot [--month YYYY-MM] [--list] [--json]');
      return USAGE;
    }
    return takeOrList(config, io, { month: flags.month as string | undefined, list: Boolean(flags.list), json: Boolean(flags.json) });
  },
};

async function takeOrList(
  config: Config,
  io: Io,
  opts: { month?: string; list: boolean; json: boolean },
  now: () => Date = () => new Date(),
): Promise<number> {
  const month = opts.month;
  if (opts.list) {
    const store = await openStore(config, { readOnly: true });
    try {
      const all = await store.listMonthSnapshots();
      if (opts.json) {
        io.out(
          JSON.stringify(
            all.map((s) => ({
              month: s.month,
              takenAt: s.takenAt,
              actions: s.actions.length,
              counts: Object.fromEntries(RAG_STATUSES.map((r) => [r, s.actions.filter((a) => a.rag === r).length])),
            })),
            null,
            2,
          ),
        );
        return DONE;
      }
      if (!all.length) io.out('No month-end snapshots yet: the first is taken after this month ends (or run planpulse snapshot).');
      for (const s of all) io.out(`${s.month}  taken ${formatInstant(s.takenAt)}  ${s.actions.length} actions (${countsInWords(s)})`);
      return DONE;
    } finally {
      await store.close();
    }
  }
  const store = await openStore(config);
  try {
    const r = await takeMonthSnapshot(store, now(), month);
    if (!r.taken) {
      io.err(`Not taken: ${r.reason}`);
      return FAILED;
    }
    io.out(`Took the ${r.snapshot.month} month-end snapshot: ${r.snapshot.actions.length} actions (${countsInWords(r.snapshot)}).`);
    return DONE;
  } catch (e) {
    if (e instanceof InvalidError) {
      io.err(e.problems.join('\n'));
      return USAGE;
    }
    throw e;
  } finally {
    await store.close();
  }
}
