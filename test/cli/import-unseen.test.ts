// planpulse import --dry-run on plans we have not seen: the user is told how
// each file was read (encoding, separator, header row, which column is which),
// what was passed over or read in an unusual way, and a refusal names the row.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../cli/planpulse';
import { writeCouncilWorkbook } from '../files/council-workbook';

const PLANS = path.join(__dirname, '..', 'fixtures', 'plans');

describe('planpulse import of plans we have not seen', function () {
  this.timeout(60_000);
  let dir: string;
  let out: string[];
  let err: string[];
  const db = () => path.join(dir, 'plan.db');
  const run = (...argv: string[]) => {
    out = [];
    err = [];
    return runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: { PLANPULSE_DB: db() } });
  };
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-unseen-cli-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--dry-run says how a Windows-1252 semicolon file was read, the columns, what is not used, and writes nothing', async () => {
    expect(await run('import', path.join(PLANS, 'worcestershire-semicolon-1252'), '--dry-run')).to.equal(0);
    expect(err).to.deep.equal([]);
    expect(out).to.include.members([
      'columns: kpis.csv (Windows-1252 text, separated by semicolons): outcome_ref ← "Outcome", kpi ← "Measure", baseline ← "Baseline", target_12m ← "Target at 12 months"',
      'columns: plan.csv (Windows-1252 text, separated by semicolons; header on row 2): ref ← "Ref", text ← "Description", lead ← "Responsible", due ← "Deadline", rag ← "Status"; not used: "Comments"',
      'note: plan.csv: RAG "R" read as Red (row 7)',
    ]);
    expect(out.some((l) => l.startsWith('note: plan.csv: refs read as the plan\'s numbers: "P3" as 3, "P3.1" as 3.1, "P3.1a" as 3.1.1'))).to.equal(
      true,
    );
    expect(out[out.length - 1]).to.equal('would import 3 priorities, 5 outcomes, 14 actions, 2 KPIs');
    expect(fs.existsSync(db())).to.equal(false);
  });

  it('--dry-run --json on a workbook names the sheets passed over and the hidden row; then the import writes it', async () => {
    const file = path.join(dir, 'workforce-plan.xlsx');
    await writeCouncilWorkbook(file);
    expect(await run('import', file, '--dry-run', '--json')).to.equal(0);
    const shown = JSON.parse(out.join('\n')) as { mapping: string[]; notes: string[]; summary: string };
    expect(shown.mapping).to.have.length(1);
    expect(shown.notes).to.include.members([
      'workforce-plan.xlsx › Cover: not read: it has no plan, KPI or delivery-group columns (the plan is workforce-plan.xlsx › Action Plan)',
      'workforce-plan.xlsx › Action Plan: row 8 is hidden in the workbook: read like the others (delete it from the plan if it is not part of it)',
    ]);
    expect(shown.summary).to.equal('would import 2 priorities, 0 outcomes, 6 actions, 0 KPIs');
    expect(await run('import', file)).to.equal(0);
    expect(out[out.length - 1]).to.equal('imported 2 priorities, 0 outcomes, 6 actions, 0 KPIs');
  });

  it('refuses a plan with an unknown RAG word by row, exit 1, and creates no database', async () => {
    const file = path.join(dir, 'plan.csv');
    fs.writeFileSync(file, '\ufeffNo.\tAction\tOwner\tRAG\r\n1.1\tAct\tJo Smith\tGreen\r\n1.2\tAct again\tJo Smith\tWIP\r\n');
    expect(await run('import', file)).to.equal(1);
    expect(err).to.deep.equal([
      'plan.csv, row 3: RAG "WIP" should be Grey, Blue, Green, Amber or Red (or G/A/R, or words such as "Not started", "On track", "At risk", "Off track", "Complete"); --rag "WIP=Green" (or another status) reads it as one',
      'import refused: 1 problem(s); nothing was changed',
    ]);
    expect(fs.existsSync(db())).to.equal(false);
  });

  it('--rag "WIP=Amber" reads the partnership’s own word, says so in a note, and a --rag with no status is refused before anything runs', async () => {
    const file = path.join(dir, 'plan.csv');
    fs.writeFileSync(file, 'Ref,Action,Owner,RAG\r\n1.1,Act,Jo Smith,WIP\r\n1.2,Act again,Jo Smith,wip\r\n1.3,Third,Jo Smith,WIP\r\n');
    expect(await run('import', file, '--dry-run')).to.equal(1);
    expect(err[0]).to.equal(
      'plan.csv, row 2: RAG "WIP" should be Grey, Blue, Green, Amber or Red (or G/A/R, or words such as "Not started", "On track", "At risk", "Off track", "Complete"); also on rows 3, 4; --rag "WIP=Green" (or another status) reads it as one',
    );
    expect(await run('import', file, '--rag', 'WIP=Purple')).to.equal(2);
    expect(err).to.deep.equal([
      '--rag WIP=Purple: write it as "Word=Status" with Status one of Grey, Blue, Green, Amber, Red, e.g. --rag "In progress=Green"',
    ]);
    expect(fs.existsSync(db())).to.equal(false);
    expect(await run('import', file, '--rag', 'WIP=amber')).to.equal(0);
    expect(out).to.include('note: plan.csv: RAG "WIP" read as Amber, as --rag says (rows 2, 4)');
    expect(out[out.length - 1]).to.equal('imported 1 priorities, 0 outcomes, 3 actions, 0 KPIs');
  });
});
