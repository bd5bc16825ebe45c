// Plans from partnerships we have not seen, as a busy officer exports them
// (test/fixtures/plans, and a workbook written here with exceljs): each is
// imported into SQLite with its counts stated, and what was read in an
// unusual way is said in a note, row by row.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeProblem, importPlan } from '../../core/import/import-plan';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { writeCouncilWorkbook } from '../files/council-workbook';

const PLANS = path.join(__dirname, '..', 'fixtures', 'plans');

describe('plans from partnerships we have not seen', () => {
  let store: SqlitePlanStore;
  let dir: string;
  beforeEach(() => {
    store = new SqlitePlanStore(':memory:');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-unseen-'));
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a Word-table export (BOM, CRLF, title rows, heading rows, continuation rows, RAG words, two Lead columns): 4 priorities, 0 outcomes, 23 actions, 0 KPIs', async () => {
    const result = await importPlan(store, await readPlanFiles([path.join(PLANS, 'strategy-word-export')]));
    expect(result.problems.map(describeProblem)).to.deep.equal([]);
    expect(result.summary).to.equal('imported 4 priorities, 0 outcomes, 23 actions, 0 KPIs');
    expect(result.mapping).to.deep.equal([
      'plan.csv (header on row 4): ref ← "No.", text ← "Action", lead ← "Lead officer", lead ← "Lead", due ← "Target date", rag ← "RAG status"',
    ]);
    const plan = await store.loadPlan();
    expect(plan.priorities.map((p) => [p.ref, p.title])).to.deep.equal([
      ['1', 'Plan for and meet the needs of children and young people'],
      ['2', 'Become equal partners who understand and listen to each other'],
      ['3', 'Develop services that are child centred, accessible and responsive'],
      ['4', 'Ensure children and young people achieve their potential and ambitions'],
    ]);
    expect(plan.deliveryGroups).to.have.length(4);
    const action = async (ref: string) => (await store.getAction(ref))!.value;
    // 1.10 and 1.1 are two actions (3.10 and 3.1 here), in order.
    expect(plan.actions.map((a) => a.value.ref).filter((r) => r.startsWith('3.'))).to.deep.equal([
      '3.1',
      '3.2',
      '3.3',
      '3.4',
      '3.5',
      '3.6',
      '3.7',
      '3.8',
      '3.9',
      '3.10',
    ]);
    expect(await action('1.3')).to.include({
      text: 'Put in place a multi-agency audit process,\nto improve the quality of Education Health and Care plans',
      dueDate: '2024-03-31',
      rag: 'Green',
    });
    expect((await action('1.6')).leadKeys).to.deep.equal(['jo-smith', 'amy-lee', 'ben-okafor']);
    expect(await action('1.6')).to.include({ dueDate: '2024-03-31', rag: 'Amber' });
    expect((await action('1.4')).leadKeys).to.deep.equal([]);
    expect(await action('1.4')).to.include({ dueNote: 'Ongoing', rag: 'Grey' });
    expect(await action('1.5')).to.include({ rag: 'Blue', dueDate: '2023-09-30' });
    expect(await action('2.1')).to.include({ dueNote: 'Q3 2023/24', rag: 'Amber' });
    expect((await action('2.1')).dueDate).to.equal(undefined);
    expect(await action('2.4')).to.include({ dueDate: '2024-03-31', rag: 'Red' });
    expect(await action('2.5')).to.include({ dueNote: 'TBC', rag: 'Green' });
    expect(await action('3.5')).to.include({ dueDate: '2024-07-31' });
    expect((await action('3.10')).text).to.equal('Improve our processes so that we reduce the bureaucracy:\n• fewer forms\n• one assessment');
    const amy = plan.leads.find((l) => l.key === 'amy-lee');
    expect(amy).to.include({ displayName: 'Amy Lee', email: 'amy.lee@lancashire.example' });
    expect(plan.leads.map((l) => l.key)).to.not.include.members(['tbc', 'all']);
    const notes = result.notes.map(describeProblem);
    expect(notes).to.include.members([
      'plan.csv, row 9: no ref: read as more of the text of action 1.3',
      'plan.csv, row 13: no ref: read as more of action 1.6 (its lead)',
      'plan.csv: lead "TBC" names no one: read as no lead (row 10)',
      'plan.csv: RAG "Red/Amber" read as Red, the worse of the two (row 19)',
      'plan.csv: RAG "Delayed" read as Red (row 18)',
      'plan.csv, row 16: due "Q3 2023/24" of action 2.1 is kept as its due note, with no due date: a quarter spans three months',
    ]);
    // A second import of the same file changes nothing.
    const again = await importPlan(store, await readPlanFiles([path.join(PLANS, 'strategy-word-export')]), { dryRun: true });
    expect(again.diff!.created + again.diff!.updated).to.equal(0);
  });

  it('a Windows-1252, semicolon-separated tracker with refs P3, P3.1, P3.1a and a KPI file: 3 priorities, 5 outcomes, 14 actions, 2 KPIs', async () => {
    const result = await importPlan(store, await readPlanFiles([path.join(PLANS, 'worcestershire-semicolon-1252')]));
    expect(result.problems.map(describeProblem)).to.deep.equal([]);
    expect(result.summary).to.equal('imported 3 priorities, 5 outcomes, 14 actions, 2 KPIs');
    expect(result.mapping![1]).to.match(/^plan\.csv \(Windows-1252 text, separated by semicolons; header on row 2\): ref ← "Ref"/);
    const plan = await store.loadPlan();
    expect(plan.outcomes.map((o) => o.ref)).to.deep.equal(['3.1', '3.2', '4.1', '4.2', '5.1']);
    expect(plan.kpis.map((k) => [k.ref, k.baseline])).to.deep.equal([
      ['3.1.K1', '78%'],
      ['5.1.K1', '0'],
    ]);
    expect(plan.kpis[0].description).to.equal('Proportion of 2-2\u00bd year checks completed');
    // Word's curly quotes, en dash and £ come through as written.
    expect((await store.getAction('3.1.2'))!.value).to.include({
      text: 'Ensure that the Worcestershire Safeguarding Children\u2019s Board Early Help offer is well understood by professionals',
      rag: 'Amber',
    });
    expect(plan.outcomes.find((o) => o.ref === '4.1')!.text).to.match(/^Preparation for further\/higher education and\/or employment: \u201cI will/);
    expect((await store.getAction('5.1.2'))!.value.text).to.include('partners \u2013 health');
    expect((await store.getAction('3.1.3'))!.value).to.include({ dueDate: '2018-03-31', rag: 'Red' });
    expect(result.notes.map(describeProblem)).to.include('plan.csv: RAG "A" read as Amber (row 6)');
  });

  it('a council workbook (cover, instructions, hidden lists, merged cells, rich text, formulas, dates as numbers, a hidden row): 2 priorities, 0 outcomes, 6 actions', async () => {
    const file = path.join(dir, 'workforce-plan.xlsx');
    await writeCouncilWorkbook(file);
    const result = await importPlan(store, await readPlanFiles([file]));
    expect(result.problems.map(describeProblem)).to.deep.equal([]);
    expect(result.summary).to.equal('imported 2 priorities, 0 outcomes, 6 actions, 0 KPIs');
    expect(result.mapping).to.deep.equal([
      'workforce-plan.xlsx › Action Plan (header on row 4): priority ← "Priority", ref ← "Ref", text ← "Action", lead ← "Lead officer", due ← "Target date", rag ← "RAG"',
    ]);
    const notes = result.notes.map(describeProblem);
    expect(notes).to.include.members([
      'workforce-plan.xlsx › Cover: not read: it has no plan, KPI or delivery-group columns (the plan is workforce-plan.xlsx › Action Plan)',
      'workforce-plan.xlsx › Instructions: not read: it has no plan, KPI or delivery-group columns (the plan is workforce-plan.xlsx › Action Plan)',
      'workforce-plan.xlsx › Lists: not read: it has no plan, KPI or delivery-group columns (the plan is workforce-plan.xlsx › Action Plan)',
      'workforce-plan.xlsx › Action Plan: row 8 is hidden in the workbook: read like the others (delete it from the plan if it is not part of it)',
      'workforce-plan.xlsx › Action Plan, row 6: due "45382" of action 1.2 read as Excel\'s day number for 31 Mar 2024: due by the end of that month',
      'workforce-plan.xlsx › Action Plan: RAG "\u{1F7E0}" read as Amber (row 6)',
    ]);
    const plan = await store.loadPlan();
    expect(plan.priorities.map((p) => [p.ref, p.title])).to.deep.equal([
      ['1', 'Priorities for delivery'],
      ['2', 'Levels of development'],
    ]);
    const got = Object.fromEntries(
      plan.actions.map((a) => [a.value.ref, [a.value.dueDate ?? a.value.dueNote, a.value.rag, a.value.leadKeys.join('+')]]),
    );
    expect(got).to.deep.equal({
      '1.1': ['2024-03-31', 'Green', 'jo-smith'],
      '1.2': ['2024-03-31', 'Amber', 'jo-smith-lancashire-example'],
      '1.3': ['2023-12-31', 'Blue', 'ann-lee'],
      '1.10': ['2024-06-30', 'Amber', 'ann-lee'],
      '2.1': ['Q1 2024/25', 'Grey', 'priya-shah'],
      '2.2': ['2025-03-31', 'Green', ''],
    });
    expect((await store.getAction('1.1'))!.value.text).to.equal('Map the SEND training already offered across the partnership');
  });

  it('reads headers by their words when no synonym names them, and never an update or comment column as due or RAG', async () => {
    const file = path.join(dir, 'plan.csv');
    fs.writeFileSync(
      file,
      [
        'SEND Improvement Plan 2024',
        'Action No.,Key actions,Action owner,Target completion date,RAG rating (R/A/G),Progress update,Date of last update',
        '1,Early help,,,,,',
        '1.1,Do it,Jo Smith,Mar-24,Green,Met in March,01/03/2024',
        '',
      ].join('\n'),
    );
    const result = await importPlan(store, await readPlanFiles([file]));
    expect(result.summary).to.equal('imported 1 priorities, 0 outcomes, 1 actions, 0 KPIs');
    expect(result.mapping).to.deep.equal([
      'plan.csv (header on row 2): ref ← "Action No.", text ← "Key actions", lead ← "Action owner", due ← "Target completion date", rag ← "RAG rating (R/A/G)"; not used: "Progress update", "Date of last update"',
    ]);
    expect((await store.getAction('1.1'))!.value).to.include({ dueDate: '2024-03-31', rag: 'Green' });
  });

  it('beside a "Status" column of commentary, the "RAG" column is the RAG, wherever it stands', async () => {
    const file = path.join(dir, 'plan.csv');
    fs.writeFileSync(file, 'Ref,Action,Lead,Status,RAG\n1.1,Act,Jo Smith,Meeting held in March; draft circulated,Amber\n');
    const result = await importPlan(store, await readPlanFiles([file]));
    expect(result.problems.map(describeProblem)).to.deep.equal([]);
    expect(result.mapping).to.deep.equal(['plan.csv: ref ← "Ref", text ← "Action", lead ← "Lead", rag ← "RAG"; not used: "Status"']);
    expect((await store.getAction('1.1'))!.value.rag).to.equal('Amber');
  });

  it('a workbook with two plan sheets is refused, naming both and --sheet; --sheet reads one', async () => {
    const file = path.join(dir, 'two-plans.xlsx');
    const book = new ExcelJS.Workbook();
    for (const name of ['Plan 2023-24', 'Plan 2024-25']) {
      book.addWorksheet(name).addRows([
        ['Ref', 'Action', 'Lead'],
        ['1.1', `Act in ${name}`, 'Jo Smith'],
      ]);
    }
    await book.xlsx.writeFile(file);
    const both = await importPlan(store, await readPlanFiles([file]));
    expect(both.problems.map(describeProblem)).to.deep.equal([
      'two-plans.xlsx › Plan 2024-25: a second plan sheet (the first was two-plans.xlsx › Plan 2023-24); --sheet "Plan 2024-25" or --sheet "Plan 2023-24" reads only that one',
    ]);
    expect((await store.loadPlan()).actions).to.have.length(0);
    const one = await importPlan(store, await readPlanFiles([file], { sheet: 'Plan 2024-25' }));
    expect(one.summary).to.equal('imported 1 priorities, 0 outcomes, 1 actions, 0 KPIs');
  });

  it('a workbook with no plan sheet is refused sheet by sheet, with --sheet and --map named', async () => {
    const file = path.join(dir, 'no-plan.xlsx');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Cover').addRow(['Improvement plan']);
    book.addWorksheet('Tracker').addRows([
      ['Number', 'What we will do', 'Person'],
      ['1.1', 'Act', 'Jo'],
    ]);
    await book.xlsx.writeFile(file);
    const result = await importPlan(store, await readPlanFiles([file]));
    expect(result.ok).to.equal(false);
    const problems = result.problems.map(describeProblem);
    expect(problems[0]).to.match(/^no-plan\.xlsx › Cover: not recognised/);
    expect(problems[1]).to.equal(
      'no-plan.xlsx › Tracker: missing column: text; the header row (row 1) reads "Number", "What we will do", "Person": --map text="…" names the column to use',
    );
    expect(problems[2]).to.equal(
      'no-plan.xlsx › Cover, no-plan.xlsx › Tracker: no sheet is a plan PlanPulse can read; --sheet NAME with --map field="Header" reads the one that is',
    );
    expect((await store.loadPlan()).actions).to.have.length(0);
  });

  it('unknown RAG words, refs that collide once read, and a row with no ref but its own date are refused by row, and nothing is written', async () => {
    const file = path.join(dir, 'plan.csv');
    fs.writeFileSync(
      file,
      [
        'Ref,Action,Lead,Due,RAG',
        '1,Early help,,,',
        '1.1,First,Jo,Mar-24,Green',
        '1a,Lettered,Jo,Mar-24,Green',
        '1.2,Second,Jo,Mar-24,In progress',
        '1.3,Third,Jo,Mar-24,Wibble',
        ',Unnumbered with a date,Jo,Apr-24,',
        '',
      ].join('\r\n'),
    );
    const result = await importPlan(store, await readPlanFiles([file]));
    expect(result.problems.map(describeProblem)).to.deep.equal([
      'plan.csv, row 4: ref 1.1 (written "1a") appears twice (first on row 3)',
      'plan.csv, row 5: RAG "In progress" should be Grey, Blue, Green, Amber or Red (or G/A/R, or words such as "Not started", "On track", "At risk", "Off track", "Complete"); --rag "In progress=Green" (or another status) reads it as one',
      'plan.csv, row 6: RAG "Wibble" should be Grey, Blue, Green, Amber or Red (or G/A/R, or words such as "Not started", "On track", "At risk", "Off track", "Complete"); --rag "Wibble=Green" (or another status) reads it as one',
      'plan.csv, row 7: this row has no ref but its own due date, so it is not read as more of action 1.3: give it a ref',
    ]);
    const plan = await store.loadPlan();
    expect(plan.actions.length + plan.priorities.length).to.equal(0);
  });
});
