// Provisioning the lists: everything created the first time, nothing written
// the second, and a column someone changed by hand put back.
import { expect } from 'chai';
import type { GraphFake } from '../fakes/graph';
import type { SharePointPlanStore } from '../../store/sharepoint';
import { readAllPages } from '../../store/sharepoint/graph/paging';
import { InvalidError } from '../../core/errors';
import { driftOf } from '../../store/sharepoint/provision';
import { ALL_LISTS, LISTS, type ColumnSpec } from '../../store/sharepoint/schema';
import { graphOn, startFakeAndStore, writesIn } from './fake-store';

describe('SharePoint provisioning', () => {
  let fake: GraphFake;
  let store: SharePointPlanStore;
  beforeEach(async () => ({ fake, store } = await startFakeAndStore()));
  afterEach(() => fake.close());

  it('creates every list with its columns, then changes nothing and writes nothing on a second run', async () => {
    const first = await store.provision();
    expect(first.changes).to.include('created list PlanPulse Actions');
    expect(first.changes.filter((c) => c.startsWith('created list'))).to.have.length(12); // 9 plan lists (month snapshots included), 3 for the bot
    expect(
      fake
        .lists()
        .map((l) => l.displayName)
        .sort(),
    ).to.deep.equal(ALL_LISTS.map((l) => l.displayName).sort());

    fake.resetRequests();
    const second = await store.provision();
    expect(second.changes).to.deep.equal([]);
    expect(writesIn(fake)).to.deep.equal([]);
    expect(fake.requests.length).to.be.greaterThan(0);
  });

  it('gives columns the types, formats and indexes the store relies on', async () => {
    await store.provision();
    const column = (list: string, name: string) =>
      fake
        .lists()
        .find((l) => l.displayName === list)!
        .columns.find((c) => c.name === name)!;
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
    await graph.request({
      method: 'PATCH',
      url: `${listPath}/columns/${rag.id}`,
      body: { indexed: false, choice: { choices: ['Grey', 'Green', 'Amber', 'Red'] } },
    });
    await graph.request({ method: 'DELETE', url: `${listPath}/columns/${dueNote.id}` });

    const report = await store.provision();
    expect(report.changes).to.deep.equal(['added column DueNote to PlanPulse Actions', 'updated column Rag in PlanPulse Actions (indexed, choices)']);
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
    expect(
      fake
        .lists()
        .find((l) => l.id === actions.id)!
        .columns.find((c) => c.name === 'DueNote')!.text!.allowMultipleLines,
    ).to.equal(false);

    expect((await store.provision()).changes).to.deep.equal(['updated column DueNote in PlanPulse Actions (allowMultipleLines)']);
    expect(
      fake
        .lists()
        .find((l) => l.id === actions.id)!
        .columns.find((c) => c.name === 'DueNote')!.text!.allowMultipleLines,
    ).to.equal(true);
    fake.resetRequests();
    expect((await store.provision()).changes).to.deep.equal([]);
    expect(writesIn(fake)).to.deep.equal([]);
  });
});

describe('SharePoint provisioning: unique values on an existing column', () => {
  let fake: GraphFake;
  let store: SharePointPlanStore;
  beforeEach(async () => ({ fake, store } = await startFakeAndStore()));
  afterEach(() => fake.close());

  /** The Leads list as a site provisioned before its Entra id column was made unique has it. */
  async function leadsBeforeUniqueness(indexed: boolean) {
    await store.provision();
    const graph = graphOn(fake);
    const leads = fake.lists().find((l) => l.displayName === LISTS.leads.displayName)!;
    const listPath = `/sites/${fake.siteId}/lists/${leads.id}`;
    const column = leads.columns.find((c) => c.name === 'AadObjectId')!;
    await graph.request({ method: 'PATCH', url: `${listPath}/columns/${column.id}`, body: { enforceUniqueValues: false, indexed } });
    const addLead = (key: string, name: string, aad: string) =>
      graph.request({ method: 'POST', url: `${listPath}/items`, body: { fields: { LeadKey: key, Title: name, AadObjectId: aad } } });
    return { graph, listPath, columnId: column.id, addLead };
  }

  it('indexes the column and makes it unique in one change, then changes nothing', async () => {
    const { graph, listPath, columnId, addLead } = await leadsBeforeUniqueness(false);
    await addLead('jennifer-ashton', 'Jennifer Ashton', '0d1e2f30-1111-4111-8111-000000000001');

    const report = await store.provision();
    expect(report.changes).to.deep.equal(['updated column AadObjectId in PlanPulse Leads (indexed, unique values)']);
    const column = (await graph.request({ method: 'GET', url: `${listPath}/columns/${columnId}` })).body as {
      indexed: boolean;
      enforceUniqueValues: boolean;
    };
    expect(column).to.deep.include({ indexed: true, enforceUniqueValues: true });
    // SharePoint itself now refuses a second lead with the id, in any case.
    const second = await addLead('sally-richardson', 'Sally Richardson', '0D1E2F30-1111-4111-8111-000000000001').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((second as Error).message).to.contain('409');

    fake.resetRequests();
    expect((await store.provision()).changes).to.deep.equal([]);
    expect(writesIn(fake)).to.deep.equal([]);
  });

  it('names the rows that share a value and changes nothing when uniqueness cannot be added', async () => {
    const { graph, listPath, columnId, addLead } = await leadsBeforeUniqueness(true);
    await addLead('jennifer-ashton', 'Jennifer Ashton', '0d1e2f30-1111-4111-8111-000000000001');
    await addLead('sally-richardson', 'Sally Richardson', '0D1E2F30-1111-4111-8111-000000000001');
    // Until it is put right, the id names nobody rather than whichever lead comes first.
    expect(await store.findLeadByAadObjectId('0d1e2f30-1111-4111-8111-000000000001')).to.equal(undefined);

    const refused = await store.provision().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).to.be.instanceOf(InvalidError);
    expect((refused as InvalidError).problems[0]).to.equal(
      'In PlanPulse Leads, Jennifer Ashton and Sally Richardson all have AadObjectId 0d1e2f30-1111-4111-8111-000000000001.',
    );
    const column = (await graph.request({ method: 'GET', url: `${listPath}/columns/${columnId}` })).body as { enforceUniqueValues: boolean };
    expect(column.enforceUniqueValues).to.equal(false);
  });
});

describe('column drift', () => {
  const spec: ColumnSpec = {
    name: 'AadObjectId',
    displayName: 'Entra object id',
    indexed: true,
    enforceUniqueValues: true,
    text: { allowMultipleLines: false },
  };
  const found = { id: 'c1', name: 'AadObjectId', displayName: 'Entra object id', text: { allowMultipleLines: false } };

  it('adds uniqueness with its index, and drops both in one change', () => {
    expect(driftOf(spec, { ...found, indexed: false, enforceUniqueValues: false }).patch).to.deep.equal({ indexed: true, enforceUniqueValues: true });
    expect(driftOf(spec, { ...found, indexed: true, enforceUniqueValues: false }).patch).to.deep.equal({ enforceUniqueValues: true });
    expect(driftOf(spec, { ...found, indexed: true, enforceUniqueValues: true }).patch).to.deep.equal({});
    const plain: ColumnSpec = { name: 'Upn', displayName: 'UPN', text: { allowMultipleLines: false } };
    expect(driftOf(plain, { ...found, name: 'Upn', displayName: 'UPN', indexed: true, enforceUniqueValues: true }).patch).to.deep.equal({
      indexed: false,
      enforceUniqueValues: false,
    });
  });

  it('asks for the index even when a schema marks a column unique but forgets the index', () => {
    const careless: ColumnSpec = { ...spec, indexed: undefined };
    expect(driftOf(careless, { ...found, indexed: false, enforceUniqueValues: false }).patch).to.deep.equal({
      indexed: true,
      enforceUniqueValues: true,
    });
  });

  it('stops with what to do by hand when SharePoint leaves DueNote single-line after the PATCH', async () => {
    const quirky = await startFakeAndStore({ ignoreColumnTypeChanges: true });
    try {
      await quirky.store.provision();
      // An earlier version made DueNote single-line; this fake will not convert it.
      const graph = graphOn(quirky.fake);
      const actions = quirky.fake.lists().find((l) => l.displayName === LISTS.actions.displayName)!;
      const listPath = `/sites/${quirky.fake.siteId}/lists/${actions.id}`;
      const dueNote = actions.columns.find((c) => c.name === 'DueNote')!;
      await graph.request({ method: 'DELETE', url: `${listPath}/columns/${dueNote.id}` });
      await graph.request({
        method: 'POST',
        url: `${listPath}/columns`,
        body: { name: 'DueNote', displayName: 'Due (as the plan says)', text: { allowMultipleLines: false } },
      });

      let error: unknown;
      try {
        await quirky.store.provision();
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(InvalidError);
      const [what, todo] = (error as InvalidError).problems;
      expect(what).to.equal(
        'SharePoint did not change the type of the column DueNote ("Due (as the plan says)") in PlanPulse Actions: it is still "Single line of text", and PlanPulse needs "Multiple lines of text" (plain text).',
      );
      expect(todo).to.contain('List settings').and.contain('"Due (as the plan says)"').and.contain('run provision again');
      const after = quirky.fake
        .lists()
        .find((l) => l.id === actions.id)!
        .columns.find((c) => c.name === 'DueNote')!;
      expect(after.text!.allowMultipleLines).to.equal(false);
    } finally {
      await quirky.fake.close();
    }
  });
});
