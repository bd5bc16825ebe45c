// 504 Gateway Timeout: unlike throttling, the request may have run. Reads and
// writes that do no harm twice (If-Match, a unique key) are sent again; a
// create without a key is not; a history record is made sure of by UpdateId.
import { expect } from 'chai';
import { UpstreamError } from '../../core/errors';
import { emptyChanges } from '../../core/ports';
import type { SharePointPlanStore } from '../../store/sharepoint';
import { LISTS } from '../../store/sharepoint/schema';
import { anUpdate } from '../contract/plan-store.contract';
import type { GraphFake } from '../fakes/graph';
import { startFakeWithSample } from './fake-store';

describe('SharePoint 504 Gateway Timeout', function () {
  this.timeout(30_000);
  let fake: GraphFake;
  let store: SharePointPlanStore;
  beforeEach(async () => {
    ({ fake, store } = await startFakeWithSample());
    fake.resetRequests();
  });
  afterEach(() => fake.close());

  const batchStatuses = () => fake.requests.filter((r) => r.isBatch).map((r) => r.inner!.map((i) => `${i.method} ${i.status}`));

  it('reads again after a 504', async () => {
    fake.throttleNext(2, 0, 504, 'GET');
    expect((await store.getAction('1.1.1'))?.value.ref).to.equal('1.1.1');
    expect(fake.requests.map((r) => r.status)).to.deep.equal([504, 504, 200]);
  });

  it('sends an If-Match PATCH again after a 504, with the history record that failed with it', async () => {
    const read = (await store.getAction('1.1.2'))!;
    fake.resetRequests();
    fake.throttleNext(1, 0, 504, 'PATCH');
    await store.saveAction({ ...read.value, rag: 'Green', commentary: 'On track' }, read.etag, anUpdate('1.1.2'));
    expect(batchStatuses()).to.deep.equal([
      ['PATCH 504', 'POST 424'],
      ['PATCH 200', 'POST 201'],
    ]);
    expect((await store.getAction('1.1.2'))!.value.commentary).to.equal('On track');
    expect(await store.actionHistory('1.1.2')).to.have.length(1);
  });

  it('a save whose PATCH was carried out but whose answer was lost stands, with one history record, and no false conflict', async () => {
    const read = (await store.getAction('1.1.4'))!;
    fake.resetRequests();
    fake.loseAnswers(1, 'PATCH');
    const saved = await store.saveAction(
      { ...read.value, rag: 'Green', commentary: 'Done the survey' },
      read.etag,
      anUpdate('1.1.4', { comment: 'once' }),
    );
    expect(batchStatuses()).to.deep.equal([
      ['PATCH 504', 'POST 424'],
      ['PATCH 412', 'POST 424'],
    ]);
    expect(saved.value.commentary).to.equal('Done the survey');
    expect((await store.getAction('1.1.4'))!.etag).to.equal(saved.etag);
    expect((await store.actionHistory('1.1.4')).map((u) => u.comment)).to.deep.equal(['once']);
  });

  it('a save whose whole $batch was carried out but answered 504 stands, with its history record', async () => {
    const read = (await store.getAction('1.1.6'))!;
    fake.loseAnswers(1, '$BATCH');
    const saved = await store.saveAction(
      { ...read.value, rag: 'Green', commentary: 'Survey sent' },
      read.etag,
      anUpdate('1.1.6', { comment: 'whole batch' }),
    );
    expect(saved.value.commentary).to.equal('Survey sent');
    expect((await store.getAction('1.1.6'))!.etag).to.equal(saved.etag);
    expect((await store.actionHistory('1.1.6')).map((u) => u.comment)).to.deep.equal(['whole batch']);
  });

  it('an import change whose answer was lost still gets its history record, once', async () => {
    const read = (await store.getAction('1.1.5'))!;
    const changes = emptyChanges();
    changes.actions.updated.push({ key: '1.1.5', patch: { text: `${read.value.text} (revised)` } });
    fake.resetRequests();
    fake.loseAnswers(1, 'PATCH');
    await store.applyChanges(changes);
    expect(batchStatuses().slice(0, 2)).to.deep.equal([['PATCH 504'], ['PATCH 412']]);
    const records = fake.items(LISTS.actionUpdates.displayName).filter((i) => i.ActionRef === '1.1.5');
    expect(records.map((r) => r.UpdateKind)).to.deep.equal(['import']);
    expect((await store.getAction('1.1.5'))!.value.text).to.equal(`${read.value.text} (revised)`);
  });

  it('does not repeat a history POST that timed out inside the batch, but records it once by its UpdateId', async () => {
    const read = (await store.getAction('1.1.3'))!;
    fake.resetRequests();
    fake.throttleNext(1, 0, 504, 'POST');
    await store.saveAction({ ...read.value, rag: 'Green', commentary: 'Going well' }, read.etag, anUpdate('1.1.3'));
    expect(batchStatuses()).to.deep.equal([['PATCH 200', 'POST 504']]);
    const plainPosts = fake.requests.filter((r) => !r.isBatch && r.method === 'POST');
    expect(plainPosts.map((r) => r.status)).to.deep.equal([201]);
    expect(fake.items(LISTS.actionUpdates.displayName).filter((i) => i.ActionRef === '1.1.3')).to.have.length(1);
  });

  it('creates a claim again after a 504, since its key is unique, and wins it', async () => {
    fake.throttleNext(1, 0, 504, 'POST');
    expect(
      await store.reachStore().claimDelivery('2023-03-06', 'jennifer-ashton', 'instance-1', '2023-03-06T09:00:00Z', '2023-03-06T09:10:00Z'),
    ).to.equal(true);
    expect(fake.requests.filter((r) => r.method === 'POST').map((r) => r.status)).to.deep.equal([504, 201]);
    expect(fake.items(LISTS.deliveries.displayName)).to.have.length(1);
  });

  it('does not repeat a create without a unique key after a 504: it fails with the status and writes nothing', async () => {
    fake.throttleNext(1, 0, 504, 'POST');
    let error: unknown;
    try {
      await store.saveLead({ key: 'new-lead', displayName: 'New Lead', aliases: [] });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(UpstreamError);
    expect((error as UpstreamError).status).to.equal(504);
    expect(fake.requests.filter((r) => r.method === 'POST')).to.have.length(1);
    expect(fake.items(LISTS.leads.displayName).some((i) => i.LeadKey === 'new-lead')).to.equal(false);
  });
});
