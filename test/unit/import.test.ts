import { expect } from 'chai';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCsv } from '../../core/import/csv';
import { describeProblem, importPlan } from '../../core/import/import-plan';
import { toSheet } from '../../core/import/table';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { SAMPLE_DIR } from '../contract/plan-store.contract';

const HEAD = 'priority,priority_title,ref,kind,text,due,lead,rag\n';
const sheet = (body: string, name = 'plan.csv') => toSheet(name, parseCsv(HEAD + body));

describe('importing a plan', () => {
  let store: SqlitePlanStore;
  beforeEach(() => (store = new SqlitePlanStore(':memory:')));
  afterEach(() => store.close());

  it('reports each bad row with its row number and reason, and writes nothing', async () => {
    const result = await importPlan(store, [
      sheet(
        [
          '1,Outcomes,1.1,outcome,Feedback is used,,Sally Richardson,',
          '1,Outcomes,1.1.1,action,Review complaints,Feb-23,Victoria Harvey-Higgins,',
          '1,Outcomes,1.1.2,action,,Mar-23,Jennifer Ashton,',
          '1,Outcomes,2.1.1,action,Wrong priority,Mar-23,Jennifer Ashton,',
          '1,Outcomes,1.1.1,action,Duplicate,Mar-23,Jennifer Ashton,',
          '1,Outcomes,1.1.4,action,Odd RAG,Mar-23,Jennifer Ashton,Purple',
          '1,Outcomes,1.9.1,action,No outcome,Mar-23,Jennifer Ashton,',
        ].join('\n'),
      ),
    ]);
    expect(result.ok).to.equal(false);
    expect(result.problems.map(describeProblem)).to.deep.equal([
      'plan.csv, row 4: 1.1.2 has no text',
      'plan.csv, row 5: ref 2.1.1 does not belong to priority 1',
      'plan.csv, row 6: ref 1.1.1 appears twice (first on row 3)',
      'plan.csv, row 7: RAG "Purple" should be Grey, Blue, Green, Amber or Red (or G/A/R, or words such as "Not started", "On track", "At risk", "Off track", "Complete"); --rag "Purple=Green" (or another status) reads it as one',
      'plan.csv, row 8: action 1.9.1 comes before (or without) its outcome 1.9',
    ]);
    expect((await store.loadPlan()).actions).to.have.length(0);
  });

  it('copes with gaps in numbering, blank dues, notes and row numbers after multi-line cells', async () => {
    const result = await importPlan(store, [
      sheet(
        [
          '3,Journey,3.7,outcome,"Timely assessments\n- first\n- second",,Sapphire Murray,',
          '3,Journey,3.7.8,action,Eighth,Mar-23,Sapphire Murray,',
          '3,Journey,3.7.10,action,Tenth,,Fiona Harris- Hilton,',
          '3,Journey,3.7.12,action,Twelfth,Dependent on sustainability,,Green',
        ].join('\n'),
      ),
    ]);
    expect(result.ok).to.equal(true);
    expect(result.notes.map(describeProblem)).to.deep.equal([
      'plan.csv: 1 action has no lead (3.7.12): kept as unassigned, and listed by planpulse leads',
    ]);
    const plan = await store.loadPlan();
    expect(plan.outcomes[0].text).to.equal('Timely assessments\n• first\n• second');
    expect(plan.actions.map((a) => a.value.ref)).to.deep.equal(['3.7.8', '3.7.10', '3.7.12']);
    expect(plan.actions[1].value.dueDate).to.equal(undefined);
    expect(plan.actions[2].value).to.include({ dueNote: 'Dependent on sustainability', rag: 'Green' });
  });

  it('reads messy due cells, and keeps one it cannot read as a note it reports by row', async () => {
    const result = await importPlan(store, [
      sheet(
        [
          '1,Outcomes,1.1,outcome,Feedback is used,,Sally Richardson,',
          '1,Outcomes,1.1.1,action,En dash,Mar\u201323,Jennifer Ashton,',
          '1,Outcomes,1.1.2,action,Full date,31/03/2023,Jennifer Ashton,',
          '1,Outcomes,1.1.3,action,ISO date,2023-04-30,Jennifer Ashton,',
          '1,Outcomes,1.1.4,action,Sept,Sept-23,Jennifer Ashton,',
          '1,Outcomes,1.1.5,action,Unreadable,Q3 2023/24,Jennifer Ashton,',
          '1,Outcomes,1.1.6,action,Words,Dependent on sustainability,Jennifer Ashton,',
          '1,Outcomes,1.1.7,action,A comma,Mar-23,"Matt Pilling, Sapphire Murray",',
          '1,Outcomes,1.1.8,action,A role,Mar-23,Head of SEND and Inclusion,',
        ].join('\n'),
      ),
    ]);
    expect(result.ok).to.equal(true);
    expect(result.notes.map(describeProblem)).to.deep.equal([
      'plan.csv, row 7: due "Q3 2023/24" of action 1.1.5 is kept as its due note, with no due date: a quarter spans three months',
      'plan.csv, row 9: lead "Matt Pilling, Sapphire Murray" is kept as one lead; if it names two people, separate them with "/"',
      'plan.csv, row 10: lead "Head of SEND and Inclusion" is kept as one lead; if it names two people, separate them with "/"',
    ]);
    const due = new Map((await store.loadPlan()).actions.map((a) => [a.value.ref, [a.value.dueDate, a.value.dueNote]]));
    expect(Object.fromEntries(due)).to.deep.equal({
      '1.1.1': ['2023-03-31', undefined],
      '1.1.2': ['2023-03-31', undefined],
      '1.1.3': ['2023-04-30', undefined],
      '1.1.4': ['2023-09-30', undefined],
      '1.1.5': [undefined, 'Q3 2023/24'],
      '1.1.6': [undefined, 'Dependent on sustainability'],
      '1.1.7': ['2023-03-31', undefined],
      '1.1.8': ['2023-03-31', undefined],
    });
    // "Surname, Given" is as common as two names, so a comma is pointed out, not split.
    expect((await store.getAction('1.1.7'))!.value.leadKeys).to.deep.equal(['matt-pilling-sapphire-murray']);
  });

  it('signs off, as the import, an action the plan already calls Blue, and never changes RAG on a re-import', async () => {
    const rows = (rag: string) =>
      sheet(
        ['1,Outcomes,1.1,outcome,Feedback is used,,Sally Richardson,', `1,Outcomes,1.1.1,action,Done already,Mar-23,Jennifer Ashton,${rag}`].join(
          '\n',
        ),
      );
    const result = await importPlan(store, [rows('blue')], { now: new Date('2023-04-03T09:30:00.000Z') });
    expect(result.notes.map(describeProblem)).to.deep.equal([
      'plan.csv, row 3: action 1.1.1 is Blue in the plan: recorded as completed and signed off by the import',
    ]);
    const stored = (await store.getAction('1.1.1'))!.value;
    expect(stored).to.deep.include({ rag: 'Blue', signedOffBy: 'import', signedOffAt: '2023-04-03T09:30:00Z' });
    const again = await importPlan(store, [rows('Green')]);
    expect(again.diff!.updated).to.equal(0);
    expect((await store.getAction('1.1.1'))!.value).to.deep.equal(stored);
  });

  it('a dry run shows what would change and writes nothing', async () => {
    const dry = await importPlan(store, await readPlanFiles([SAMPLE_DIR]), { dryRun: true });
    expect(dry.summary).to.equal('would import 5 priorities, 33 outcomes, 153 actions, 26 KPIs');
    expect(dry.diff!.lines).to.include('create action 1.3.2');
    expect((await store.loadPlan()).actions).to.have.length(0);
    await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
    const edited = fs
      .readFileSync(path.join(SAMPLE_DIR, 'lancashire-cip-2023-24-plan.csv'), 'utf8')
      .replace('Review the SEND Partnership workforce development strategy', 'Review and relaunch the workforce development strategy');
    const again = await importPlan(store, [toSheet('plan.csv', parseCsv(edited))], { dryRun: true });
    expect(again.diff!.lines).to.deep.equal([
      'update action 1.3.1: text "Review the SEND Partnership workforce d…" → "Review and relaunch the workforce devel…"',
    ]);
    const moved = fs
      .readFileSync(path.join(SAMPLE_DIR, 'lancashire-cip-2023-24-plan.csv'), 'utf8')
      .split('\n')
      .map((line) => (line.includes(',1.3.1,') ? line.replace(/Mar-23|Mar- 23/, 'Apr-23') : line))
      .join('\n');
    const later = await importPlan(store, [toSheet('plan.csv', parseCsv(moved))], { dryRun: true });
    expect(later.diff!.lines).to.deep.equal(['update action 1.3.1: original due date 31 Mar 2023 → 30 Apr 2023; due date 31 Mar 2023 → 30 Apr 2023']);
  });

  it('refuses a file it does not recognise', async () => {
    const result = await importPlan(store, [toSheet('notes.csv', parseCsv('name,age\nx,1\n'))]);
    expect(result.problems.map(describeProblem)[0]).to.match(/^notes\.csv: not recognised/);
  });

  it('reads numbers in a workbook as the sheet shows them, so ref 2.10 stays 2.10', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Plan');
    ws.addRow(['priority', 'priority_title', 'ref', 'kind', 'text', 'due', 'lead', 'rag']);
    ws.addRow([2, 'Communications', 2.1, 'outcome', 'Outcome one', '', 'Sally Richardson', '']);
    ws.addRow([2, 'Communications', 2.1, 'outcome', 'Outcome ten', '', 'Sally Richardson', '']);
    ws.getCell('C3').numFmt = '0.00';
    ws.addRow([2, 'Communications', '2.10.1', 'action', 'Act', new Date(Date.UTC(2023, 6, 1)), 'Sally Richardson', '']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-xlsx-'));
    const file = path.join(dir, 'numbers.xlsx');
    await book.xlsx.writeFile(file);
    const result = await importPlan(store, await readPlanFiles([file]));
    fs.rmSync(dir, { recursive: true, force: true });
    expect(result.problems).to.deep.equal([]);
    expect((await store.loadPlan()).outcomes.map((o) => o.ref)).to.deep.equal(['2.1', '2.10']);
    expect((await store.getAction('2.10.1'))!.value.dueDate).to.equal('2023-07-31'); // a real date cell, read as its month
  });

  it('imports the same plan from an .xlsx workbook, one sheet per table', async () => {
    const book = new ExcelJS.Workbook();
    for (const file of fs.readdirSync(SAMPLE_DIR)) {
      const ws = book.addWorksheet(file.replace(/\.csv$/, '').slice(-20));
      for (const row of parseCsv(fs.readFileSync(path.join(SAMPLE_DIR, file), 'utf8'))) ws.addRow(row);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-xlsx-'));
    const file = path.join(dir, 'plan.xlsx');
    await book.xlsx.writeFile(file);
    const result = await importPlan(store, await readPlanFiles([file]));
    fs.rmSync(dir, { recursive: true, force: true });
    expect(result.problems).to.deep.equal([]);
    expect(result.summary).to.equal('imported 5 priorities, 33 outcomes, 153 actions, 26 KPIs');
  });
});
