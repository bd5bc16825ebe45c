// Provisioning the lists: everything created the first time, nothing written
// the second, and a column someone changed by hand put back.
import { expect } from 'chai';
import type { GraphFake } from '../fakes/graph';
import type { SharePointPlanStore } from '../../store/sharepoint';
import { readAllPages } from '../../store/sharepoint/graph/paging';
import { ALL_LISTS, LISTS } from '../../store/sharepoint/schema';
import { graphOn, startFakeAndStore, writesIn } from './fake-store';

describe('SharePoint provisioning', () => {
  let fake: GraphFake;
  let store: SharePointPlanStore;
  beforeEach(async () => ({ fake, store } = await startFakeAndStore()));
  afterEach(() => fake.close());

  it('creates every list with its columns, then changes nothing and writes nothing on a second run', async () => {
    const first = await store.provision();
    expect(first.changes).to.include('created list PlanPulse Actions');
    expect(first.changes.filter((c) => c.startsWith('created list'))).to.have.length(11); // 8 plan lists, 3 for the bot
    expect(fake.lists().map((l) => l.displayName).sort()).to.deep.equal(ALL_LISTS.map((l) => l.displayName).sort());

    fake.resetRequests();
    const second = await store.provision();
    expect(second.changes).to.deep.equal([]);
    expect(writesIn(fake)).to.deep.equal([]);
    expect(fake.requests.length).to.be.greaterThan(0);
  });

  it('gives columns the types, formats and indexes the store relies on', async () => {
    await store.provision();
    const column = (list: string, name: string) => fake.lists().find((l) => l.displayName === list)!.columns.find((c) => c.name === name)!;
    expect(column('PlanPulse Actions', 'ActionRef').indexed).to.equal(true);
    expect(column('PlanPulse Actions', 'Rag')).to.deep.include({ indexed: true });
    expect(column('PlanPulse Actions', 'Rag').choice!.choices).to.deep.equal(['Grey', 'Blue', 'Green', 'Amber', 'Red']);
    expect(column('PlanPulse Actions', 'DueDate').dateTime!.format).to.equal('dateOnly');
    expect(column('PlanPulse Actions', 'LastUpdatedAt').dateTime!.format).to.equal('dateTime');
    expect(column('PlanPulse Actions', 'ActionText').text!.allowMultipleLines).to.equal(true);
    expect(column('PlanPulse Action Updates', 'ChangesJson').text!.allowMultipleLines).to.equal(true);
    expect(column('PlanPulse Leads', 'Email').indexed).to.equal(true);
    expect(column('PlanPulse Leads', 'AadObjectId').indexed).to.equal(true);
    expect(column('PlanPulse Leads', 'IsSecretariat').boolean).to.deep.equal({});
    expect(column('PlanPulse Leads', 'Person').personOrGroup).to.not.equal(undefined);
    expect(column('PlanPulse Actions', 'Title').displayName).to.equal('Ref');
  });

  it('adds a missing column and corrects one whose definition drifted, once', async () => {
    await store.provision();
    const graph = graphOn(fake);
    const actions = fake.lists().find((l) => l.displayName === LISTS.actions.displayName)!;
    const rag = actions.columns.find((c) => c.name === 'Rag')!;
    const dueNote = actions.columns.find((c) => c.name === 'DueNote')!;
    const listPath = `/sites/${fake.siteId}/lists/${actions.id}`;
    // Someone tidies the list by hand: drops a choice and the index, deletes a column.
    await graph.request({ method: 'PATCH', url: `${listPath}/columns/${rag.id}`, body: { indexed: false, choice: { choices: ['Grey', 'Green', 'Amber', 'Red'] } } });
    await graph.request({ method: 'DELETE', url: `${listPath}/columns/${dueNote.id}` });

    const report = await store.provision();
    expect(report.changes).to.deep.equal([
      'added column DueNote to PlanPulse Actions',
      'updated column Rag in PlanPulse Actions (indexed, choices)',
    ]);
    const columns = await readAllPages<{ name: string; indexed: boolean; choice?: { choices: string[] } }>(graph, `${listPath}/columns`);
    expect(columns.find((c) => c.name === 'Rag')).to.deep.include({ indexed: true });
    expect(columns.find((c) => c.name === 'Rag')!.choice!.choices).to.include('Blue');
    expect(columns.some((c) => c.name === 'DueNote')).to.equal(true);

    fake.resetRequests();
    expect((await store.provision()).changes).to.deep.equal([]);
    expect(writesIn(fake)).to.deep.equal([]);
  });

  it('turns a single-line DueNote made by an earlier version into multi-line text, once', async () => {
    await store.provision();
    const graph = graphOn(fake);
    const actions = fake.lists().find((l) => l.displayName === LISTS.actions.displayName)!;
    const dueNote = actions.columns.find((c) => c.name === 'DueNote')!;
    const listPath = `/sites/${fake.siteId}/lists/${actions.id}`;
    await graph.request({ method: 'PATCH', url: `${listPath}/columns/${dueNote.id}`, body: { text: { allowMultipleLines: false } } });
    expect(fake.lists().find((l) => l.id === actions.id)!.columns.find((c) => c.name === 'DueNote')!.text!.allowMultipleLines).to.equal(false);

    expect((await store.provision()).changes).to.deep.equal(['updated column DueNote in PlanPulse Actions (allowMultipleLines)']);
    expect(fake.lists().find((l) => l.id === actions.id)!.columns.find((c) => c.name === 'DueNote')!.text!.allowMultipleLines).to.equal(true);
    fake.resetRequests();
    expect((await store.provision()).changes).to.deep.equal([]);
    expect(writesIn(fake)).to.deep.equal([]);
  });
});
