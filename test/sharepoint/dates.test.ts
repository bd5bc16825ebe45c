// Calendar dates through SharePoint: stored as London midnight (so the
// previous evening in UTC during British Summer Time) and read back as the
// same day, in summer, in winter and on the days the clocks change.
import { expect } from 'chai';
import { importPlan } from '../../core/import/import-plan';
import { readPlanFiles } from '../../store/files/read-sheets';
import type { SharePointPlanStore } from '../../store/sharepoint';
import { LISTS } from '../../store/sharepoint/schema';
import { anUpdate, SAMPLE_DIR } from '../contract/plan-store.contract';
import type { GraphFake } from '../fakes/graph';
import { startFakeAndStore } from './fake-store';

const CASES: Array<[string, string, string]> = [
  ['BST', '2023-06-30', '2023-06-29T23:00:00Z'],
  ['GMT', '2023-12-29', '2023-12-29T00:00:00Z'],
  ['clocks go forward', '2023-03-26', '2023-03-26T00:00:00Z'],
  ['clocks go back', '2023-10-29', '2023-10-28T23:00:00Z'],
];

describe('SharePoint calendar dates', () => {
  let fake: GraphFake;
  let store: SharePointPlanStore;
  before(async () => {
    ({ fake, store } = await startFakeAndStore());
    await store.provision();
    await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
  });
  after(() => fake.close());

  for (const [season, date, stored] of CASES) {
    it(`keeps a due date in ${season} (${date}) as the same day`, async () => {
      const read = (await store.getAction('1.1.1'))!;
      const saved = await store.saveAction({ ...read.value, rag: 'Red', dueDate: date }, read.etag, anUpdate('1.1.1'));
      const raw = fake.items(LISTS.actions.displayName).find((i) => i.ActionRef === '1.1.1')!;
      expect(raw.DueDate).to.equal(stored);
      expect(saved.value.dueDate).to.equal(date);
      expect((await store.getAction('1.1.1'))!.value.dueDate).to.equal(date);
    });
  }

  it('keeps a lead’s away-until date and a KPI measurement’s date across BST', async () => {
    const lead = (await store.listLeads())[0];
    await store.saveLead({ ...lead, awayUntil: '2023-08-14' });
    expect(fake.items(LISTS.leads.displayName).find((i) => i.LeadKey === lead.key)!.AwayUntil).to.equal('2023-08-13T23:00:00Z');
    expect((await store.listLeads()).find((l) => l.key === lead.key)!.awayUntil).to.equal('2023-08-14');

    await store.addKpiMeasurement({
      id: 'summer',
      kpiRef: '1.1.K1',
      measuredOn: '2023-07-01',
      value: '7%',
      recordedBy: 'sally-richardson',
      recordedAt: '2023-07-01T08:30:00Z',
    });
    const [m] = await store.kpiMeasurements('1.1.K1');
    expect(m.measuredOn).to.equal('2023-07-01');
    expect(m.recordedAt).to.equal('2023-07-01T08:30:00Z');
  });

  it('clears a date that was removed', async () => {
    const read = (await store.getAction('1.1.2'))!;
    const { dueDate: _dropped, ...rest } = read.value;
    expect(_dropped).to.not.equal(undefined);
    await store.saveAction({ ...rest, dueNote: 'When the board decides' }, read.etag, anUpdate('1.1.2'));
    const after = (await store.getAction('1.1.2'))!.value;
    expect(after.dueDate).to.equal(undefined);
    expect(after.dueNote).to.equal('When the board decides');
  });
});
