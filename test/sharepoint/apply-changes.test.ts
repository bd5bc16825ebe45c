// Imports into SharePoint: checked before anything is written, matched by ref
// so an interrupted import finishes when run again, status left alone.
import { expect } from 'chai';
import { InvalidError, NotFoundError } from '../../core/errors';
import { importPlan } from '../../core/import/import-plan';
import { emptyChanges, type PlanChanges } from '../../core/ports';
import { readPlanFiles } from '../../store/files/read-sheets';
import type { SharePointPlanStore } from '../../store/sharepoint';
import { LISTS } from '../../store/sharepoint/schema';
import { anUpdate, SAMPLE_DIR } from '../contract/plan-store.contract';
import type { GraphFake } from '../fakes/graph';
import { actionMap } from '../../store/sharepoint/field-map';
import { runBatch } from '../../store/sharepoint/graph/batch';
import { ActionHistory } from '../../store/sharepoint/history';
import { ActionImport } from '../../store/sharepoint/import-actions';
import { PlanLists } from '../../store/sharepoint/plan-lists';
import { Site } from '../../store/sharepoint/site';
import { graphOn, startFakeAndStore, writesIn } from './fake-store';

describe('SharePoint applyChanges', () => {
  let fake: GraphFake;
  let store: SharePointPlanStore;
  let full: PlanChanges;
  beforeEach(async () => {
    ({ fake, store } = await startFakeAndStore());
    await store.provision();
    full = (await importPlan(store, await readPlanFiles([SAMPLE_DIR]), { dryRun: true })).diff!.changes;
  });
  afterEach(() => fake.close());

  it('finishes an interrupted import when run again, without duplicates and without touching status', async () => {
    await store.applyChanges({ ...full, actions: { created: full.actions.created.slice(0, 30), updated: [] } });
    const read = (await store.getAction('1.1.1'))!;
    await store.saveAction({ ...read.value, rag: 'Red', dueDate: '2023-09-30', commentary: 'Waiting for data' }, read.etag, anUpdate('1.1.1'));
    // Meanwhile a lead is matched to their Teams account and a chair is named.
    const lead = (await store.listLeads())[0];
    await store.saveLead({
      ...lead,
      email: 'someone@example.org',
      aadObjectId: 'aaaaaaaa-1111-4111-8111-000000000001',
      aliases: ['Another Spelling'],
    });
    const group = full.deliveryGroups.created[0];
    await store.setChair(group.key, lead.key);

    await store.applyChanges(full);
    const leadAfter = (await store.listLeads()).find((l) => l.key === lead.key)!;
    expect(leadAfter).to.deep.include({ email: 'someone@example.org', aadObjectId: 'aaaaaaaa-1111-4111-8111-000000000001' });
    expect(leadAfter.aliases).to.deep.equal(['Another Spelling']);
    expect((await store.getDeliveryGroup(group.key))!.chairLeadKey).to.equal(lead.key);
    const refs = fake.items(LISTS.actions.displayName).map((i) => i.ActionRef);
    expect(refs).to.have.length(153);
    expect(new Set(refs).size).to.equal(153);
    expect(fake.items(LISTS.leads.displayName).length).to.equal(full.leads.created.length);
    const after = (await store.getAction('1.1.1'))!.value;
    expect(after).to.deep.include({ rag: 'Red', dueDate: '2023-09-30', commentary: 'Waiting for data' });
    expect(await store.actionHistory('1.1.1')).to.have.length(1);
  });

  it('refuses an update to something that is not there, writing nothing', async () => {
    await store.applyChanges(full);
    fake.resetRequests();
    const changes = emptyChanges();
    changes.actions.updated.push({ key: '1.1.1', patch: { text: 'Changed' } }, { key: '9.9.9', patch: { text: 'Nowhere' } });
    let error: unknown;
    try {
      await store.applyChanges(changes);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(NotFoundError);
    expect(String(error)).to.contain('action 9.9.9');
    expect(writesIn(fake)).to.deep.equal([]);
    expect((await store.getAction('1.1.1'))!.value.text).to.not.equal('Changed');
  });

  it('refuses a value too long for its single-line column before sending any request', async () => {
    fake.resetRequests();
    const changes = {
      ...full,
      priorities: { created: full.priorities.created.map((p, i) => (i === 3 ? { ...p, title: 'x'.repeat(300) } : p)), updated: [] },
    };
    let error: unknown;
    try {
      await store.applyChanges(changes);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(InvalidError);
    expect((error as InvalidError).problems).to.deep.equal([
      'Nothing was imported: 1 value(s) do not fit their SharePoint columns.',
      'priority 4: Title is 300 characters long; the SharePoint column holds at most 255.',
    ]);
    expect(fake.requests).to.deep.equal([]);
    expect(fake.items(LISTS.actions.displayName)).to.have.length(0);
  });

  it('re-decides an action change that meets 412 against the row as it is now, so a lead’s new date stands', async () => {
    await store.applyChanges(full);
    const graph = graphOn(fake);
    const lists = new PlanLists(graph, new Site(graph, fake.siteId));
    const importer = new ActionImport(lists, new ActionHistory(lists), { leadName: () => undefined }, new Date());
    const asImportRead = (await lists.find(actionMap, '1.2.2'))!;
    // The lead moves the date after the import read the row.
    const read = (await store.getAction('1.2.2'))!;
    await store.saveAction({ ...read.value, rag: 'Red', dueDate: '2023-10-31', commentary: 'Slipped' }, read.etag, anUpdate('1.2.2'));

    const steps = await importer.stepsFor(asImportRead, { originalDueDate: '2023-05-31' });
    expect(steps[0].headers).to.deep.equal({ 'If-Match': asImportRead.item.eTag });
    const { LastUpdateJson, ...fields } = steps[0].body as Record<string, unknown>;
    expect(fields).to.deep.equal({ DueDate: '2023-05-31T12:00:00Z', OriginalDueDate: '2023-05-31T12:00:00Z' });
    expect(JSON.parse(String(LastUpdateJson))).to.include({ actionRef: '1.2.2', kind: 'import' });
    // Only the PATCH: its history record is written once it has succeeded, never chained to it.
    expect(steps).to.have.length(1);
    expect(steps[0]).to.not.have.property('dependsOn');
    fake.resetRequests();
    const results = await runBatch(graph, steps);
    await importer.settle(results);
    const batches = fake.requests.filter((r) => r.isBatch).map((r) => r.inner!.map((i) => `${i.method} ${i.status}`));
    expect(batches).to.deep.equal([['PATCH 412'], ['PATCH 200'], ['POST 201']]);
    expect((await store.getAction('1.2.2'))!.value).to.deep.include({ dueDate: '2023-10-31', originalDueDate: '2023-05-31', rag: 'Red' });
    const history = await store.actionHistory('1.2.2');
    expect(history.map((h) => h.kind)).to.deep.equal(['status', 'import']);
    expect(history[1].changes).to.deep.equal([{ field: 'originalDueDate', from: read.value.originalDueDate, to: '2023-05-31' }]);
  });

  it('changes two actions and a KPI in fully parallel batches, then writes the history records in a second phase', async () => {
    await store.applyChanges(full);
    const kpi = full.kpis.created[0];
    const changes = emptyChanges();
    changes.actions.updated.push({ key: '1.1.1', patch: { text: 'Revised 1.1.1' } }, { key: '1.1.2', patch: { text: 'Revised 1.1.2' } });
    changes.kpis.updated.push({ key: kpi.ref, patch: { target12m: '90%' } });
    fake.resetRequests();
    await store.applyChanges(changes);

    const batches = fake.requests.filter((r) => r.isBatch);
    expect(batches.map((b) => b.status)).to.deep.equal([200, 200]);
    expect(batches.map((b) => b.inner!.map((i) => `${i.method} ${i.status}`))).to.deep.equal([
      ['PATCH 200', 'PATCH 200', 'PATCH 200'],
      ['POST 201', 'POST 201'],
    ]);
    expect(batches.flatMap((b) => b.inner!.flatMap((i) => i.dependsOn))).to.deep.equal([]);
    expect((await store.getAction('1.1.2'))!.value.text).to.equal('Revised 1.1.2');
    expect((await store.actionHistory('1.1.1')).map((h) => h.kind)).to.deep.equal(['import']);
    expect((await store.actionHistory('1.1.2')).map((h) => h.kind)).to.deep.equal(['import']);
  });

  it('writes nothing at all for an empty import', async () => {
    fake.resetRequests();
    await store.applyChanges(emptyChanges());
    expect(fake.requests).to.deep.equal([]);
  });
});
