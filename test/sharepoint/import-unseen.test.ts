// Plans from partnerships we have not seen, through the SharePoint store and
// the Graph fake: the same counts as on SQLite (test/unit/plan-shapes-unseen.test.ts),
// and a refused plan sends no write at all.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeProblem, importPlan } from '../../core/import/import-plan';
import { readPlanFiles } from '../../store/files/read-sheets';
import type { SharePointPlanStore } from '../../store/sharepoint';
import type { GraphFake } from '../fakes/graph';
import { writeCouncilWorkbook } from '../files/council-workbook';
import { startFakeAndStore, writesIn } from './fake-store';

const PLANS = path.join(__dirname, '..', 'fixtures', 'plans');

describe('SharePoint: plans from partnerships we have not seen', function () {
  this.timeout(60_000);
  let fake: GraphFake;
  let store: SharePointPlanStore;
  let dir: string;
  beforeEach(async () => {
    ({ fake, store } = await startFakeAndStore());
    await store.provision();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-unseen-sp-'));
  });
  afterEach(async () => {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a Word-table export: 4 priorities, 0 outcomes, 23 actions, 0 KPIs, read back as imported', async () => {
    const result = await importPlan(store, await readPlanFiles([path.join(PLANS, 'strategy-word-export')]));
    expect(result.problems.map(describeProblem)).to.deep.equal([]);
    expect(result.summary).to.equal('imported 4 priorities, 0 outcomes, 23 actions, 0 KPIs');
    const plan = await store.loadPlan();
    expect([plan.priorities.length, plan.outcomes.length, plan.actions.length, plan.kpis.length]).to.deep.equal([4, 0, 23, 0]);
    const a16 = (await store.getAction('1.6'))!.value;
    expect(a16.leadKeys).to.deep.equal(['jo-smith', 'amy-lee', 'ben-okafor']);
    expect((await store.getAction('3.10'))!.value.ref).to.equal('3.10');
    expect((await store.getAction('1.5'))!.value).to.include({ rag: 'Blue', signedOffBy: 'import' });
    expect(plan.leads.find((l) => l.key === 'amy-lee')?.email).to.equal('amy.lee@lancashire.example');
  });

  it('a Windows-1252 semicolon tracker: 3 priorities, 5 outcomes, 14 actions, 2 KPIs', async () => {
    const tracker = await importPlan(store, await readPlanFiles([path.join(PLANS, 'worcestershire-semicolon-1252')]));
    expect(tracker.summary).to.equal('imported 3 priorities, 5 outcomes, 14 actions, 2 KPIs');
    const plan = await store.loadPlan();
    expect([plan.priorities.length, plan.outcomes.length, plan.actions.length, plan.kpis.length]).to.deep.equal([3, 5, 14, 2]);
    expect((await store.getAction('3.1.2'))!.value.text).to.include('Children\u2019s Board');
  });

  it('a council workbook (cover sheet, merged cells, dates as numbers, a hidden row): 2 priorities, 0 outcomes, 6 actions', async () => {
    const file = path.join(dir, 'workforce-plan.xlsx');
    await writeCouncilWorkbook(file);
    const book = await importPlan(store, await readPlanFiles([file]));
    expect(book.problems.map(describeProblem)).to.deep.equal([]);
    expect(book.summary).to.equal('imported 2 priorities, 0 outcomes, 6 actions, 0 KPIs');
    expect((await store.loadPlan()).actions).to.have.length(6);
    expect((await store.getAction('1.10'))!.value).to.include({ dueDate: '2024-06-30', rag: 'Amber' });
  });

  it('a refused plan (an unknown RAG word) sends no write to SharePoint', async () => {
    const file = path.join(dir, 'plan.csv');
    fs.writeFileSync(file, 'Ref;Action;Lead;RAG\r\n1.1;Act;Jo;Green\r\n1.2;Act;Jo;In progress\r\n');
    const before = writesIn(fake).length;
    const result = await importPlan(store, await readPlanFiles([file]));
    expect(result.problems.map(describeProblem)).to.deep.equal([
      'plan.csv, row 3: RAG "In progress" should be Grey, Blue, Green, Amber or Red (or G/A/R, or words such as "Not started", "On track", "At risk", "Off track", "Complete"); --rag "In progress=Green" (or another status) reads it as one',
    ]);
    expect(writesIn(fake).length).to.equal(before);
  });
});
