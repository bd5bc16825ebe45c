// `planpulse export --out FILE`: the board pack as .xlsx, .docx or .csv
// (chosen by FILE's extension). Everything a person typed is checked, and the
// folder is checked writable, before the store is read; the files are then
// written all or none (store/exports/write-pack.ts).
import fs from 'node:fs';
import type { Config } from '../../app/config';
import { openStore } from '../../app/open-store';
import { loadBoardPack } from '../../core/board-pack/load';
import { NO_TREND_YET } from '../../core/board-pack/model';
import { historyPeriod, parsePeriodDate, periodInWords, type Period } from '../../core/board-pack/period';
import { londonDate } from '../../core/dates';
import { InvalidError, NotFoundError } from '../../core/errors';
import { cannotWrite, formatOf, packFiles, writeAll } from '../../store/exports/write-pack';
import type { Flags } from './flags';
import type { CommandSpec, Io } from './shared';

export const exportCommand: CommandSpec = {
  name: 'export',
  usage: 'export --out <file.xlsx|file.docx|file.csv> [--group <key>] [--from <date>] [--to <date>]',
  summary: 'the board pack: RAG summary, exceptions, a table per priority, the KPI score card and the update history',
  flags: { out: { type: 'string' }, group: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  run: ({ flags: parsed, positionals }, config, io) => {
    // "export --out pack.xlsx communications" meant --group: a word left over is refused, not ignored.
    if (positionals.length) {
      io.err(`planpulse export takes no words of its own ("${positionals[0]}"): usage: planpulse ${exportCommand.usage}; nothing was written`);
      return Promise.resolve(2);
    }
    return runExport(parsed, config, io);
  },
};

async function runExport(parsed: Flags, config: Config, io: Io): Promise<number> {
  const flags: Partial<Record<'--out' | '--group' | '--from' | '--to', string>> = {};
  for (const name of ['out', 'group', 'from', 'to'] as const) if (typeof parsed[name] === 'string') flags[`--${name}`] = parsed[name] as string;
  const out = flags['--out'];
  if (!out) {
    io.err('--out is required: the file to write, whose extension says the format');
    return 2;
  }
  if (!formatOf(out)) {
    io.err(`cannot tell the format of "${out}": end it with .xlsx (Excel), .docx (Word) or .csv (one file per list)`);
    return 2;
  }
  const today = londonDate(new Date());
  const dates: Partial<Record<'--from' | '--to', string>> = {};
  for (const f of ['--from', '--to'] as const) {
    const raw = flags[f];
    if (raw === undefined) continue;
    const d = parsePeriodDate(raw, today);
    if (!d) {
      io.err(`${f} "${raw}" is not a date PlanPulse can read; try "3 Mar 2023"`);
      return 2;
    }
    dates[f] = d;
  }
  let period: Period;
  try {
    period = historyPeriod(today, dates['--from'], dates['--to']);
  } catch (e) {
    if (!(e instanceof InvalidError)) throw e;
    for (const p of e.problems) io.err(p);
    return 2;
  }
  const unwritable = cannotWrite(out);
  if (unwritable) {
    io.err(`${unwritable}; nothing was written`);
    return 1;
  }
  if (config.store === 'local' && !fs.existsSync(config.dbFile)) {
    io.err(`no plan at ${config.dbFile} yet: import one first (planpulse import); nothing was written`);
    return 1;
  }

  const store = await openStore(config, { readOnly: true });
  try {
    let pack;
    try {
      pack = await loadBoardPack(store, { today, period, groupKey: flags['--group'] });
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
      io.err(`${e.message.replace(/\.$/, '')} (planpulse groups lists them); nothing was written`);
      return 2;
    }
    const actions = pack.priorities.reduce((n, p) => n + p.actions.length, 0);
    if (!actions) {
      io.err(
        `${pack.group ? `delivery group ${pack.group.key} has no actions in the plan` : 'the plan has no actions yet: import one first (planpulse import)'}; nothing was written`,
      );
      return 1;
    }
    const files = await packFiles(pack, out);
    writeAll(files);
    for (const f of files) io.out(`wrote ${f.path} (${f.bytes.length.toLocaleString('en-GB')} bytes)`);
    if (!pack.trend.length) io.out(NO_TREND_YET);
    io.out(
      `${pack.title}: ${actions} actions in ${pack.priorities.length} ${pack.priorities.length === 1 ? 'priority' : 'priorities'}, ${pack.exceptions.length} exceptions, ${pack.kpis.length} KPIs, ` +
        `${pack.history.length} updates from ${periodInWords(pack.period)}`,
    );
    return 0;
  } catch (e) {
    if (e instanceof Error && /^cannot write/.test(e.message)) {
      io.err(e.message);
      return 1;
    }
    throw e;
  } finally {
    await store.close();
  }
}
