// Saving an action: one $batch whose history POST depends on the If-Match
// PATCH, so a conflict writes nothing and an accepted save keeps its record.
import { expect } from 'chai';
import { ConflictError, NotFoundError } from '../../core/errors';
import { importPlan } from '../../core/import/import-plan';
import type { Action, Versioned } from '../../core/model';
import { readPlanFiles } from '../../store/files/read-sheets';
import type { SharePointPlanStore } from '../../store/sharepoint';
import { ActionHistory } from '../../store/sharepoint/history';
import { PlanLists } from '../../store/sharepoint/plan-lists';
import { LISTS } from '../../store/sharepoint/schema';
import { Site } from '../../store/sharepoint/site';
import { anUpdate, SAMPLE_DIR } from '../contract/plan-store.contract';
import type { GraphFake } from '../fakes/graph';
import { graphOn, startFakeAndStore, storeOn } from './fake-store';

const UPDATES = LISTS.actionUpdates.displayName;

describe('SharePoint saveAction', () => {
  let fake: GraphFake;
  let store: SharePointPlanStore;
  beforeEach(async () => {
    ({ fake, store } = await startFakeAndStore({}, { maxRetries: 2, retryDelayCapSeconds: 0 }));
    await store.provision();
    await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
  });
  afterEach(() => fake.close());

  it('sends one $batch: a PATCH with If-Match and a history POST that depends on it', async () => {
    const read = (await store.getAction('1.1.3'))!;
    await store.listLeads(); // names known, so the save itself needs nothing else
    fake.resetRequests();
    const saved = await store.saveAction({ ...read.value, rag: 'Green' }, read.etag, anUpdate('1.1.3'));
    // getAction brought the row's copy of its last update (none here), so the save is one $batch.
    expect(fake.requests.map((r) => [r.method, r.isBatch])).to.deep.equal([['POST', true]]);
    const batch = fake.requests[0];
    const body = batch.body as {
      requests: Array<{ id: string; method: string; url: string; headers?: Record<string, string>; dependsOn?: string[] }>;
    };
    const [patch, post] = body.requests;
    expect(patch.method).to.equal('PATCH');
    expect(patch.url).to.match(/^\/sites\/.+\/items\/\d+\/fields$/);
    expect(patch.headers!['If-Match']).to.equal(read.etag);
    expect(post.method).to.equal('POST');
    expect(post.dependsOn).to.deep.equal([patch.id]);
    // The eTag handed back is the item's real one.
    const stored = fake.items(LISTS.actions.displayName).find((i) => i.ActionRef === '1.1.3')!;
    expect(saved.etag).to.equal(stored['@odata.etag']);
  });

  it('lets one of two saves on the same eTag win; the other gets ConflictError with the current action, and history holds one record', async () => {
    const read = (await store.getAction('2.1.1'))!;
    const first = await store.saveAction(
      { ...read.value, rag: 'Amber', commentary: 'Venue delayed' },
      read.etag,
      anUpdate('2.1.1', { comment: 'first' }),
    );
    let error: unknown;
    try {
      await store.saveAction({ ...read.value, rag: 'Green' }, read.etag, anUpdate('2.1.1', { comment: 'second' }));
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ConflictError);
    const current = (error as ConflictError<Versioned<Action>>).current!;
    expect(current).to.deep.equal(first);
    expect(
      fake.requests
        .filter((r) => r.isBatch)
        .at(-1)!
        .inner!.map((i) => [i.method, i.status]),
    ).to.deep.equal([
      ['PATCH', 412],
      ['POST', 424],
    ]);
    const records = fake.items(UPDATES).filter((i) => i.ActionRef === '2.1.1');
    expect(records.map((r) => r.UpdateComment)).to.deep.equal(['first']);
  });

  it('reports an action whose row was deleted behind its back as not found, writing no history', async () => {
    const read = (await store.getAction('5.1.1'))!;
    const list = fake.lists().find((l) => l.displayName === LISTS.actions.displayName)!;
    const id = fake.items(LISTS.actions.displayName).find((i) => i.ActionRef === '5.1.1')!.id;
    await graphOn(fake).request({ method: 'DELETE', url: `/sites/${fake.siteId}/lists/${list.id}/items/${id}` });
    let error: unknown;
    try {
      await store.saveAction({ ...read.value, rag: 'Green' }, read.etag, anUpdate('5.1.1'));
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(NotFoundError);
    expect(fake.items(UPDATES).filter((i) => i.ActionRef === '5.1.1')).to.deep.equal([]);
  });

  it('keeps an accepted update whose history write kept failing, and writes it once Graph takes it', async () => {
    const graph = graphOn(fake);
    const list = fake.lists().find((l) => l.displayName === UPDATES)!;
    const comment = list.columns.find((c) => c.name === 'UpdateComment')!;
    // Break history writes: every POST to Action Updates now fails with 400.
    await graph.request({ method: 'DELETE', url: `/sites/${fake.siteId}/lists/${list.id}/columns/${comment.id}` });

    const read = (await store.getAction('3.1.1'))!;
    const update = anUpdate('3.1.1', { comment: 'kept' });
    const saved = await store.saveAction({ ...read.value, rag: 'Green' }, read.etag, update);
    expect(saved.value.rag).to.equal('Green');
    expect(fake.items(UPDATES)).to.have.length(0);

    // Someone repairs the list; the next write (or close) records the update, once.
    await store.provision();
    await store.close();
    await store.close();
    expect(await store.actionHistory('3.1.1')).to.deep.equal([update]);
  });

  it('does not write a history record twice when a retry finds it already there', async () => {
    const read = (await store.getAction('4.1.1'))!;
    const update = anUpdate('4.1.1');
    await store.saveAction({ ...read.value, rag: 'Green' }, read.etag, update);
    // As if the batch answer were lost after Graph wrote the record: make sure of it again.
    const graph = graphOn(fake);
    const history = new ActionHistory(new PlanLists(graph, new Site(graph, fake.siteId)));
    expect(await history.ensureRecorded(update)).to.equal(true);
    expect(fake.items(UPDATES).filter((i) => i.UpdateId === update.id)).to.have.length(1);
  });
});

describe('SharePoint saveAction after a crash between the two writes', () => {
  let fake: GraphFake;
  let store: SharePointPlanStore;
  beforeEach(async () => {
    ({ fake, store } = await startFakeAndStore({}, { maxRetries: 0, retryDelayCapSeconds: 0 }));
    await store.provision();
    await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
  });
  afterEach(() => fake.close());

  it('recovers the history record from the action row in a new process, before anything overwrites it', async () => {
    const read = (await store.getAction('1.3.1'))!;
    const first = anUpdate('1.3.1', { comment: 'First, its history write lost' });
    const saved = await store.saveAction({ ...read.value, rag: 'Green', commentary: first.comment }, read.etag, first);
    // The crash: the process died after the PATCH and before the history POST.
    // Here the record is removed behind the store's back, and a new process starts.
    const history = fake.lists().find((l) => l.displayName === LISTS.actionUpdates.displayName)!;
    const row = fake.items(LISTS.actionUpdates.displayName).find((i) => i.UpdateId === first.id)!;
    await graphOn(fake).request({ method: 'DELETE', url: `/sites/${fake.siteId}/lists/${history.id}/items/${row.id}` });
    expect(fake.items(LISTS.actionUpdates.displayName)).to.have.length(0);
    const restarted = storeOn(fake);
    const second = anUpdate('1.3.1', { comment: 'Second' });
    await restarted.saveAction({ ...saved.value, commentary: 'Second' }, saved.etag, second);
    expect((await restarted.actionHistory('1.3.1')).map((u) => u.id)).to.deep.equal([first.id, second.id]);
    expect((await storeOn(fake).actionHistory('1.3.1')).map((u) => u.comment)).to.deep.equal([first.comment, 'Second']);
  });
});
