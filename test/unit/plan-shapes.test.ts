// Plans as other partnerships keep them (test/fixtures/plans, built from
// ../shared/seeds): two levels, title rows and their own headers, no dates and
// no leads. Each is imported into a store and its counts stated.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { frameSheet } from '../../core/import/columns';
import { describeProblem, importPlan, preparePlan } from '../../core/import/import-plan';
import { cleanRef, readPriorityCell } from '../../core/import/parse-plan';
import { toSheet } from '../../core/import/table';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';

export const PLANS = path.join(__dirname, '..', 'fixtures', 'plans');

/** The Lincolnshire workforce plan (seed 001) as a workbook: a cover sheet, then title rows above the plan's own headers. */
export async function writeLincolnshireWorkbook(file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Cover').addRow(['Building Communities of Specialist Provision: Together in Lincolnshire']);
  const ws = book.addWorksheet('Plan');
  ws.addRow(['Lincolnshire SEND Workforce Development Plan 2022']);
  ws.addRow(['Report to the Children and Young People Scrutiny Committee, 17 June 2022']);
  ws.addRow([]);
  ws.addRow(['Workstream', 'Ref', 'Outcome', 'Action', 'Lead officer', 'By when', 'Status', 'Comments']);
  const phase1 = 'All special school staff can reach SEND learning at their level';
  const phase2 = 'Mainstream schools and academies use the learning platform';
  ws.addRow([
    '1. Learning platform',
    '1.1.1',
    phase1,
    'Launch the online learning platform for all Lincolnshire special schools',
    'Martin Smith',
    new Date(Date.UTC(2022, 8, 1)),
    'Green',
    '',
  ]);
  ws.addRow([
    '1. Learning platform',
    '1.1.2',
    phase1,
    'Create induction and tier 1 content with sector experts',
    'Martin Smith / Eileen McMorrow',
    'Dec-22',
    'Amber',
    'Authors instructed',
  ]);
  ws.addRow(['1. Learning platform', '1.2.1', phase2, 'Open the platform to mainstream schools and academies', 'Eileen McMorrow', 'Sep-23', '', '']);
  ws.addRow([
    '2. Sustainability',
    '2.1.1',
    'The service funds itself',
    'Agree the sustainability plan for the move to self-funding',
    'Heather Sandy',
    'Mar-24',
    'Grey',
    '',
  ]);
  await book.xlsx.writeFile(file);
}

describe('plans in the shapes partnerships keep them', () => {
  let store: SqlitePlanStore;
  let dir: string;
  beforeEach(() => {
    store = new SqlitePlanStore(':memory:');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-shapes-'));
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a two-level plan (priority → action, refs 1.1): 2 priorities, 0 outcomes, 9 actions, 2 priority KPIs, a group per priority', async () => {
    const result = await importPlan(store, await readPlanFiles([path.join(PLANS, 'worcestershire-two-level')]));
    expect(result.problems.map(describeProblem)).to.deep.equal([]);
    expect(result.summary).to.equal('imported 2 priorities, 0 outcomes, 9 actions, 2 KPIs');
    const plan = await store.loadPlan();
    expect(plan.priorities.map((p) => [p.ref, p.title])).to.deep.equal([
      ['1', 'A Person-Centred Approach'],
      ['2', 'Integration and Operational Delivery'],
    ]);
    expect(plan.deliveryGroups.map((g) => [g.key, g.name, g.chairLeadKey])).to.deep.equal([
      ['a-person-centred-approach', 'A Person-Centred Approach', undefined],
      ['integration-and-operational-delivery', 'Integration and Operational Delivery', undefined],
    ]);
    const a = (await store.getAction('1.4'))!.value;
    expect(a).to.include({ ref: '1.4', priorityRef: '1', dueDate: '2018-12-31' });
    expect(a.outcomeRef).to.equal(undefined);
    expect(a.leadKeys).to.deep.equal(['katie-collins', 'sarah-wilkins']);
    expect((await store.getAction('1.2'))!.value.rag).to.equal('Amber');
    expect((await store.getAction('2.4'))!.value).to.include({ dueNote: 'Ongoing', rag: 'Grey' });
    expect(plan.kpis.map((k) => [k.ref, k.priorityRef, k.outcomeRef])).to.deep.equal([
      ['1.K1', '1', undefined],
      ['2.K1', '2', undefined],
    ]);
    expect(result.notes.map(describeProblem)).to.include('plan.csv: 1 action has no lead (2.4): kept as unassigned, and listed by planpulse leads');
    expect(result.mapping).to.deep.equal([
      'kpis.csv: priority ← "Priority", kpi ← "KPI", baseline ← "Baseline"',
      'plan.csv: priority ← "Priority", ref ← "No.", text ← "Action", lead ← "Owner", due ← "Timescale", rag ← "RAG status"',
    ]);
    // Re-importing changes nothing.
    const again = await importPlan(store, await readPlanFiles([path.join(PLANS, 'workforce-no-dates', '..', 'worcestershire-two-level')]));
    expect(again.diff!.created + again.diff!.updated).to.equal(0);
  });

  it('an .xlsx with title rows and its own headers (--sheet Plan): 2 priorities, 3 outcomes, 4 actions', async () => {
    const file = path.join(dir, 'lincolnshire.xlsx');
    await writeLincolnshireWorkbook(file);
    // Every sheet by default: the cover sheet is not a plan, so it is passed over, and the note says so.
    const all = await importPlan(store, await readPlanFiles([file]), { dryRun: true });
    expect(all.problems.map(describeProblem)).to.deep.equal([]);
    expect(all.summary).to.equal('would import 2 priorities, 3 outcomes, 4 actions, 0 KPIs');
    expect(all.notes.map(describeProblem)).to.include(
      'lincolnshire.xlsx › Cover: not read: it has no plan, KPI or delivery-group columns (the plan is lincolnshire.xlsx › Plan)',
    );
    const result = await importPlan(store, await readPlanFiles([file], { sheet: 'Plan' }));
    expect(result.problems.map(describeProblem)).to.deep.equal([]);
    expect(result.summary).to.equal('imported 2 priorities, 3 outcomes, 4 actions, 0 KPIs');
    expect(result.mapping).to.deep.equal([
      'lincolnshire.xlsx › Plan (header on row 4): priority ← "Workstream", ref ← "Ref", outcome ← "Outcome", text ← "Action", lead ← "Lead officer", due ← "By when", rag ← "Status"; not used: "Comments"',
    ]);
    const plan = await store.loadPlan();
    expect(plan.outcomes.map((o) => [o.ref, o.text])).to.deep.equal([
      ['1.1', 'All special school staff can reach SEND learning at their level'],
      ['1.2', 'Mainstream schools and academies use the learning platform'],
      ['2.1', 'The service funds itself'],
    ]);
    expect((await store.getAction('1.1.1'))!.value).to.include({ outcomeRef: '1.1', dueDate: '2022-09-30', rag: 'Green' });
    expect((await store.getAction('1.1.2'))!.value.leadKeys).to.deep.equal(['martin-smith', 'eileen-mcmorrow']);
    expect(plan.priorities.map((p) => p.title)).to.deep.equal(['Learning platform', 'Sustainability']);
    const wrong = await readPlanFiles([file], { sheet: 'Actions' }).then(
      () => undefined,
      (e: Error) => e.message,
    );
    expect(wrong).to.equal('lincolnshire.xlsx has no sheet "Actions"; its sheets are "Cover", "Plan"');
  });

  it('a plan with no dates, no leads and no delivery-groups file: 2 priorities, 3 outcomes, 5 actions, all unassigned', async () => {
    const result = await importPlan(store, await readPlanFiles([path.join(PLANS, 'workforce-no-dates')]));
    expect(result.problems.map(describeProblem)).to.deep.equal([]);
    expect(result.summary).to.equal('imported 2 priorities, 3 outcomes, 5 actions, 0 KPIs');
    expect(result.notes.map(describeProblem)).to.deep.equal([
      'plan.csv: 5 actions have no lead (1.1.1, 1.1.2, 1.2.1, 2.1.1, 2.1.2): kept as unassigned, and listed by planpulse leads',
    ]);
    const plan = await store.loadPlan();
    expect(plan.actions.map((a) => [a.value.ref, a.value.dueDate, a.value.leadKeys.length])).to.deep.equal([
      ['1.1.1', undefined, 0],
      ['1.1.2', undefined, 0],
      ['1.2.1', undefined, 0],
      ['2.1.1', undefined, 0],
      ['2.1.2', undefined, 0],
    ]);
    expect(plan.deliveryGroups.map((g) => g.name).sort()).to.deep.equal([
      'Aligning workforce development with local priorities',
      'Knowledge and understanding of SEND across the workforce',
    ]);
    expect(plan.leads).to.deep.equal([]);
  });

  it('a column it cannot map is named with the header row, and --map settles it', () => {
    const sheet = toSheet('plan.csv', [
      ['Ref', 'Action', 'Point of contact'],
      ['1.1', 'Do it', 'Jo Bloggs'],
    ]);
    const unmapped = preparePlan([sheet]);
    expect(unmapped.ok).to.equal(true);
    expect(unmapped.notes.map(describeProblem)).to.include(
      'plan.csv: column "Point of contact" not used (the header row reads "Ref", "Action", "Point of contact"); no column was read as lead, due, rag: --map lead="Point of contact" would read one',
    );
    expect(unmapped.plan!.actions[0].leadKeys).to.deep.equal([]);
    const mapped = preparePlan([sheet], { map: { lead: 'Point of contact' } });
    expect(mapped.plan!.actions[0].leadKeys).to.deep.equal(['jo-bloggs']);
    expect(mapped.mapping).to.deep.equal(['plan.csv: ref ← "Ref", text ← "Action", lead ← "Point of contact"']);
    expect(preparePlan([sheet], { map: { boss: 'Point of contact' } }).problems.map(describeProblem)[0]).to.match(
      /^--map: "boss" is not a column PlanPulse reads/,
    );
    expect(preparePlan([sheet], { map: { lead: 'Officer' } }).problems.map(describeProblem)).to.deep.equal([
      '--map: lead="Officer": no sheet has a column "Officer"',
    ]);
  });

  it('a missing required column is refused once, by name, not row by row', () => {
    const sheet = toSheet('plan.csv', [['Workforce plan'], ['Ref', 'Owner', 'Due'], ['1.1', 'Jo', 'Mar-23'], ['1.2', 'Jo', 'Mar-23']]);
    const result = preparePlan([sheet]);
    expect(result.ok).to.equal(false);
    expect(result.problems.map(describeProblem)).to.deep.equal([
      'plan.csv: missing column: text; the header row (row 2) reads "Ref", "Owner", "Due": --map text="…" names the column to use',
    ]);
    expect(preparePlan([sheet], { map: { text: 'Owner' } }).ok).to.equal(true);
  });

  it('a priority the delivery-groups file does not name gets a group of its own, said in a note', () => {
    const plan = toSheet('plan.csv', [
      ['Ref', 'Action', 'Priority'],
      ['1.1', 'Do it', '1. Outcomes'],
      ['2.1', 'Do that', '2. Journey'],
    ]);
    const groups = toSheet('groups.csv', [
      ['priority', 'delivery_group', 'reporting'],
      ['1', 'Outcomes Group', 'Monthly'],
    ]);
    const result = preparePlan([plan, groups]);
    expect(result.problems).to.deep.equal([]);
    expect(result.plan!.deliveryGroups.map((g) => [g.key, g.name, g.cadence])).to.deep.equal([
      ['outcomes-group', 'Outcomes Group', 'monthly'],
      ['journey', 'Journey', 'monthly'],
    ]);
    expect(result.notes.map(describeProblem)).to.include(
      'plan.csv, row 3: priority 2 has no delivery group in groups.csv: it gets one of its own, "Journey", with no chair until planpulse chair sets one',
    );
  });

  it('reads the headers people write, in any order', () => {
    const framed = frameSheet(toSheet('p.csv', [['RAG', 'Target date', 'Responsible', 'Action', 'Ref']]))!;
    expect(framed.kind).to.equal('plan');
    expect(framed.sheet.headers).to.deep.equal(['rag', 'due', 'lead', 'text', 'ref']);
    expect(frameSheet(toSheet('p.csv', [['No.', 'Action', 'Lead', 'Due', 'Priority', 'Outcome', 'RAG status']]))!.sheet.headers).to.deep.equal([
      'ref',
      'text',
      'lead',
      'due',
      'priority',
      'outcome',
      'rag',
    ]);
    expect(readPriorityCell('Priority 3: Journey')).to.deep.equal({ ref: '3', title: 'Journey' });
    expect(['1.1.', ' 1.1 ', 'Priority 2', 'Workstream 3:'].map(cleanRef)).to.deep.equal(['1.1', '1.1', '2', '3']);
    expect(readPriorityCell('2')).to.deep.equal({ ref: '2', title: undefined });
    expect(readPriorityCell('Accessible services')).to.deep.equal({ title: 'Accessible services' });
  });

  it('parses in linear time however many priorities there are, and however many ways a lead is spelt', function () {
    this.timeout(60_000);
    // 50,000 priorities of one action each (a group each), then one person spelt 50,000 ways:
    // each took a scan of everything before it (a minute and more), where a set is enough.
    const n = 50_000;
    const priorities = [['Ref', 'Action', 'Lead'], ...Array.from({ length: n }, (_, i) => [`${i + 1}.1`, `Action ${i + 1}`, 'Jo Bloggs'])];
    let start = performance.now();
    const many = preparePlan([toSheet('many.csv', priorities)]);
    const manyMs = performance.now() - start;
    expect(many.problems).to.deep.equal([]);
    expect(many.plan!.priorities).to.have.length(n);
    expect(new Set(many.plan!.deliveryGroups.map((g) => g.key)).size).to.equal(n);
    const seps = '!#$%^*_+=:~|';
    const spelt = (i: number) => `Jo${Array.from(i.toString(seps.length), (d) => seps[parseInt(d, seps.length)]).join('')}Bloggs`;
    const lead = [['Ref', 'Action', 'Lead'], ...Array.from({ length: n }, (_, i) => [`1.${i + 1}`, `Action ${i + 1}`, spelt(i)])];
    start = performance.now();
    const oneLead = preparePlan([toSheet('spelt.csv', lead)]);
    const spellingMs = performance.now() - start;
    expect(oneLead.plan!.leads.map((l) => [l.key, l.displayName, l.aliases.length])).to.deep.equal([['jo-bloggs', 'Jo!Bloggs', n - 1]]);
    console.log(
      `      ${n.toLocaleString('en-GB')} priorities parsed in ${Math.round(manyMs)} ms; one lead spelt ${n.toLocaleString('en-GB')} ways in ${Math.round(spellingMs)} ms`,
    );
    expect(manyMs).to.be.below(15_000);
    expect(spellingMs).to.be.below(15_000);
  });
});
