// `planpulse export`, run in-process against a temporary SQLite file: it
// writes the pack in each format, and refuses bad input or an unwritable
// path with a clear message, writing nothing.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../cli/planpulse';
import { selectExceptions } from '../../core/exceptions';
import { NO_TREND_YET } from '../../core/board-pack/model';
import { londonDate } from '../../core/dates';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { anUpdate, SAMPLE_DIR } from '../contract/plan-store.contract';

describe('planpulse export', function () {
  this.timeout(60_000);
  let dir: string;
  let db: string;
  let out: string[];
  let err: string[];
  const run = (...argv: string[]) => {
    out = [];
    err = [];
    return runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: { PLANPULSE_DB: db } });
  };
  const listing = () => fs.readdirSync(dir).sort();

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-export-cli-'));
    db = path.join(dir, 'plan.db');
    expect(await run('import', SAMPLE_DIR)).to.equal(0);
    const store = new SqlitePlanStore(db);
    try {
      const a = (await store.getAction('1.1.2'))!;
      const commentary = '=1+1 (typed by a lead)';
      await store.saveAction(
        { ...a.value, rag: 'Amber', commentary, lastUpdatedAt: new Date().toISOString() },
        a.etag,
        anUpdate('1.1.2', { at: new Date().toISOString(), comment: commentary }),
      );
    } finally {
      await store.close();
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function exceptionsToday(groupPriority?: string): Promise<number> {
    const store = new SqlitePlanStore(db, { readOnly: true });
    try {
      const plan = await store.loadPlan();
      const actions = plan.actions.map((a) => a.value).filter((a) => !groupPriority || a.priorityRef === groupPriority);
      return selectExceptions(actions, plan, londonDate(new Date())).length;
    } finally {
      await store.close();
    }
  }

  it('writes the .xlsx and says what it wrote', async () => {
    const file = path.join(dir, 'board.xlsx');
    expect(await run('export', '--out', file)).to.equal(0);
    expect(err).to.deep.equal([]);
    expect(out[0]).to.match(/^wrote .*board\.xlsx \([\d,]+ bytes\)$/);
    expect(out).to.include(NO_TREND_YET);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const actions = wb.worksheets.filter((w) => w.name.startsWith('Priority ')).reduce((n, w) => n + w.actualRowCount - 1, 0);
    expect(actions).to.equal(153);
    expect(wb.getWorksheet('Exceptions')!.actualRowCount - 1).to.equal(await exceptionsToday());
    expect(wb.getWorksheet('KPIs')!.actualRowCount - 1).to.equal(26);
    expect(wb.getWorksheet('Update history')!.getColumn(2).values.slice(2)).to.deep.equal(['1.1.2']);
    expect(out.at(-1)).to.match(/: 153 actions in 5 priorities, \d+ exceptions, 26 KPIs, 1 updates from /);
  });

  it('writes one .csv per list beside --out, formula-like text prefixed', async () => {
    expect(await run('export', '--out', path.join(dir, 'board.csv'), '--group', 'improving-outcomes')).to.equal(0);
    const lists = ['summary', 'actions', 'exceptions', 'kpis', 'history', 'trend'];
    for (const l of lists) expect(listing(), l).to.include(`board-${l}.csv`);
    expect(listing()).to.not.include('board.csv');
    const actions = fs.readFileSync(path.join(dir, 'board-actions.csv'), 'utf8');
    expect(actions).to.include(`1,1.1.2,`);
    expect(actions).to.include(`,'=1+1 (typed by a lead),`);
    expect(actions).to.not.match(/,=1\+1/);
    const rows = (name: string) =>
      fs
        .readFileSync(path.join(dir, `board-${name}.csv`), 'utf8')
        .trimEnd()
        .split('\r\n').length - 1;
    // Priority 1 is the improving-outcomes group's: one summary row and its 8 KPIs.
    expect(fs.readFileSync(path.join(dir, 'board-summary.csv'), 'utf8').trimEnd().split('\r\n')).to.have.length(2);
    expect(rows('kpis')).to.equal(8);
    expect(fs.readFileSync(path.join(dir, 'board-trend.csv'), 'utf8')).to.include(NO_TREND_YET);
    expect(out.at(-1)).to.match(
      new RegExp(`^Improving Outcomes .* – Board pack, as at .*: 29 actions in 1 priority, ${await exceptionsToday('1')} exceptions, 8 KPIs`),
    );
  });

  it('writes the .docx', async () => {
    expect(await run('export', '--out', path.join(dir, 'board.docx'), '--from', '1 Jan 2023', '--to', '31 Mar 2023')).to.equal(0);
    expect(fs.statSync(path.join(dir, 'board.docx')).size).to.be.greaterThan(10_000);
    expect(out.at(-1)).to.match(/0 updates from 1 Jan 2023 to 31 Mar 2023$/);
  });

  const refusals: Array<[string, string[], number, RegExp]> = [
    [
      'an unknown flag',
      ['--out', 'x.xlsx', '--format', 'xlsx'],
      2,
      /^planpulse export: unknown flag --format; it takes --out, --group, --from, --to; nothing was done$/,
    ],
    ['a flag without its value', ['--out', 'x.xlsx', '--group'], 2, /^planpulse export: --group needs a value; nothing was done$/],
    ['no --out', ['--group', 'improving-outcomes'], 2, /^--out is required/],
    [
      'an extension it cannot write',
      ['--out', 'x.pdf'],
      2,
      /^cannot tell the format of ".*x\.pdf": end it with \.xlsx \(Excel\), \.docx \(Word\) or \.csv/,
    ],
    ['a date it cannot read', ['--out', 'x.xlsx', '--from', '31/02/2023'], 2, /^--from "31\/02\/2023" is not a date PlanPulse can read/],
    [
      'a period that ends before it starts',
      ['--out', 'x.xlsx', '--from', '1 Mar 2023', '--to', '1 Feb 2023'],
      2,
      /^The period starts \(1 Mar 2023\) after it ends \(1 Feb 2023\)/,
    ],
    [
      'a delivery group that does not exist',
      ['--out', 'x.xlsx', '--group', 'nope'],
      2,
      /^There is no delivery group "nope"; the keys are .*improving-outcomes.* \(planpulse groups lists them\); nothing was written$/,
    ],
  ];
  for (const [what, args, code, message] of refusals) {
    it(`refuses ${what} and writes nothing`, async () => {
      const before = listing();
      const withDir = args.map((a, i) => (args[i - 1] === '--out' ? path.join(dir, a) : a));
      expect(await run('export', ...withDir)).to.equal(code);
      expect(err[0]).to.match(message);
      expect(out).to.deep.equal([]);
      expect(listing()).to.deep.equal(before);
    });
  }

  it('refuses a path it cannot write to, before reading the plan, and writes nothing', async () => {
    const before = listing();
    expect(await run('export', '--out', path.join(dir, 'no-such-folder', 'board.xlsx'))).to.equal(1);
    expect(err).to.deep.equal([`cannot write ${path.join(dir, 'no-such-folder', 'board.xlsx')}: there is no such folder; nothing was written`]);
    expect(await run('export', '--out', path.join(db, 'board.docx'))).to.equal(1);
    expect(err[0]).to.match(/: part of that path is a file, not a folder; nothing was written$/);
    fs.mkdirSync(path.join(dir, 'folder.xlsx'));
    expect(await run('export', '--out', path.join(dir, 'folder.xlsx'))).to.equal(1);
    expect(err[0]).to.match(/folder\.xlsx: it is a folder, not a file; nothing was written$/);
    fs.rmdirSync(path.join(dir, 'folder.xlsx'));
    expect(listing()).to.deep.equal(before);
  });

  it('says there is no plan yet rather than writing an empty pack', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-export-empty-'));
    try {
      out = [];
      err = [];
      const code = await runCli(['export', '--out', path.join(empty, 'board.xlsx')], {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
        env: { PLANPULSE_DB: path.join(empty, 'plan.db') },
      });
      expect(code).to.equal(1);
      expect(err).to.deep.equal([`no plan at ${path.join(empty, 'plan.db')} yet: import one first (planpulse import); nothing was written`]);
      expect(fs.readdirSync(empty)).to.deep.equal([]);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
