// Throttling: 429 and 503 waited out as Retry-After asks, on plain requests
// and on the inner requests of a $batch, with nothing lost or written twice.
import { expect } from 'chai';
import { UpstreamError } from '../../core/errors';
import { importPlan } from '../../core/import/import-plan';
import { readPlanFiles } from '../../store/files/read-sheets';
import type { SharePointPlanStore } from '../../store/sharepoint';
import { kpiMeasurementMap } from '../../store/sharepoint/field-map';
import { runBatch, type BatchStep } from '../../store/sharepoint/graph/batch';
import { LISTS } from '../../store/sharepoint/schema';
import { anUpdate, SAMPLE_DIR } from '../contract/plan-store.contract';
import type { GraphFake } from '../fakes/graph';
import { graphOn, startFakeAndStore, startFakeWithSample } from './fake-store';

const since = (start: number) => Date.now() - start;

describe('SharePoint throttling', function () {
  this.timeout(30_000);
  let fake: GraphFake;
  let store: SharePointPlanStore;
  beforeEach(async () => {
    ({ fake, store } = await startFakeWithSample());
  });
  afterEach(() => fake.close());

  it('waits out a 429 and a 503 on a plain request as long as Retry-After says', async () => {
    fake.throttleNext(1, 1, 429);
    let start = Date.now();
    expect((await store.getAction('1.1.1'))?.value.ref).to.equal('1.1.1');
    expect(since(start)).to.be.at.least(1000);
    fake.resetRequests();
    fake.throttleNext(2, 1, 503);
    start = Date.now();
    expect((await store.getPriority('2'))?.ref).to.equal('2');
    expect(since(start)).to.be.at.least(2000);
    expect(fake.requests.map((r) => r.status)).to.deep.equal([503, 503, 200]);
  });

  it('gives up after the configured number of retries with an UpstreamError carrying the status', async () => {
    const impatient = await startFakeAndStore({}, { maxRetries: 1 });
    try {
      await impatient.store.provision();
      impatient.fake.resetRequests();
      impatient.fake.throttleNext(5, 0);
      let error: unknown;
      try {
        await impatient.store.getAction('1.1.1');
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(UpstreamError);
      expect((error as UpstreamError).status).to.equal(429);
      expect(impatient.fake.requests).to.have.length(2);
    } finally {
      await impatient.fake.close();
    }
  });

  it('caps a long Retry-After at the configured delay', async () => {
    const hasty = await startFakeAndStore({}, { retryDelayCapSeconds: 0 });
    try {
      await hasty.store.provision();
      hasty.fake.throttleNext(1, 60);
      const start = Date.now();
      expect(await hasty.store.getAction('1.1.1')).to.equal(undefined); // nothing imported there
      expect(since(start)).to.be.below(5000);
    } finally {
      await hasty.fake.close();
    }
  });

  it('re-sends a throttled save (and the history POST that failed with it) after Retry-After, recording it once', async () => {
    const read = (await store.getAction('1.2.1'))!;
    await store.listLeads();
    fake.resetRequests();
    fake.throttleNext(2, 1, 429, 'PATCH');
    const start = Date.now();
    const saved = await store.saveAction({ ...read.value, rag: 'Amber', commentary: 'Late data' }, read.etag, anUpdate('1.2.1'));
    expect(since(start)).to.be.at.least(2000);
    expect(fake.requests.filter((r) => r.isBatch).map((r) => r.inner!.map((i) => i.status))).to.deep.equal([
      [429, 424],
      [429, 424],
      [200, 201],
    ]);
    expect((await store.getAction('1.2.1'))!).to.deep.equal(saved);
    expect(await store.actionHistory('1.2.1')).to.have.length(1);
  });

  it('re-sends only the throttled requests of a batch, after the longest Retry-After', async () => {
    const graph = graphOn(fake);
    const list = fake.lists().find((l) => l.displayName === LISTS.kpiMeasurements.displayName)!;
    const steps: BatchStep[] = Array.from({ length: 45 }, (_, i) => ({
      key: `m${i}`,
      method: 'POST',
      url: `/sites/${fake.siteId}/lists/${list.id}/items`,
      body: {
        fields: kpiMeasurementMap.toFields({
          id: `m${i}`,
          kpiRef: '1.1.K1',
          measuredOn: '2023-03-31',
          value: `${i}%`,
          recordedBy: 'sally-richardson',
          recordedAt: '2023-04-01T09:00:00Z',
        }),
      },
      label: `measurement m${i}`,
    }));
    fake.resetRequests();
    fake.throttleNext(3, 1);
    const start = Date.now();
    const results = await runBatch(graph, steps);
    expect(since(start)).to.be.at.least(1000);
    expect([...results.values()].every((r) => r.status === 201)).to.equal(true);
    // Batches go in parallel, so the order varies; only the 3 throttled writes are sent twice.
    expect(fake.requests.map((r) => r.innerCount)).to.have.members([20, 20, 5, 3]);
    const stored = fake.items(LISTS.kpiMeasurements.displayName).map((i) => i.MeasurementId);
    expect(stored).to.have.length(45);
    expect(new Set(stored).size).to.equal(45);
  });

  it('finishes a whole import while throttled', async () => {
    const fresh = await startFakeAndStore();
    try {
      await fresh.store.provision();
      fresh.fake.throttleNext(2, 1, 503);
      const start = Date.now();
      const result = await importPlan(fresh.store, await readPlanFiles([SAMPLE_DIR]));
      // The import's first reads run side by side, so the two waits overlap.
      expect(since(start)).to.be.at.least(1000);
      expect(fresh.fake.requests.filter((r) => r.status === 503)).to.have.length(2);
      expect(result.problems).to.deep.equal([]);
      expect(fresh.fake.items(LISTS.actions.displayName)).to.have.length(153);
      expect((await fresh.store.loadPlan()).actions).to.have.length(153);
    } finally {
      await fresh.fake.close();
    }
  });

  it('finishes an import whose writes are throttled inside $batch, each action and history record written once', async () => {
    const fresh = await startFakeAndStore();
    try {
      await fresh.store.provision();
      const sheets = await readPlanFiles([SAMPLE_DIR]);
      // Creates: inner POSTs of the $batch requests answer 429 and are re-sent.
      fresh.fake.resetRequests();
      fresh.fake.throttleNext(4, 1, 429, 'POST');
      const first = await importPlan(fresh.store, sheets);
      expect(first.problems).to.deep.equal([]);
      const innerStatuses = fresh.fake.requests.filter((r) => r.isBatch).flatMap((r) => r.inner!.map((i) => i.status));
      expect(innerStatuses.filter((s) => s === 429)).to.have.length(4);
      const refs = fresh.fake.items(LISTS.actions.displayName).map((i) => i.ActionRef);
      expect(refs).to.have.length(153);
      expect(new Set(refs).size).to.equal(153);

      // A re-import that changes every action of outcome 1.1: PATCHes are throttled and re-sent; the history POSTs follow in their own batches once the PATCHes succeed.
      const planSheet = sheets.find((sh) => sh.headers.includes('kind'))!;
      const edited = {
        ...planSheet,
        rows: planSheet.rows.map((r) => (r.cells.ref.startsWith('1.1.') ? { ...r, cells: { ...r.cells, text: `${r.cells.text} (revised)` } } : r)),
      };
      const changed = planSheet.rows.filter((r) => r.cells.ref.startsWith('1.1.')).length;
      fresh.fake.resetRequests();
      fresh.fake.throttleNext(3, 1, 503, 'PATCH');
      const again = await importPlan(
        fresh.store,
        sheets.map((sh) => (sh === planSheet ? edited : sh)),
      );
      expect(again.diff!.updated).to.equal(changed);
      expect(
        fresh.fake.requests
          .filter((r) => r.isBatch)
          .flatMap((r) => r.inner!.map((i) => i.status))
          .filter((s) => s === 503),
      ).to.have.length(3);
      const records = fresh.fake.items(LISTS.actionUpdates.displayName);
      expect(records).to.have.length(changed);
      expect(new Set(records.map((r) => r.ActionRef)).size).to.equal(changed);
      expect(new Set(records.map((r) => r.UpdateId)).size).to.equal(changed);
      expect(fresh.fake.items(LISTS.actions.displayName)).to.have.length(153);
      for (const ref of ['1.1.1', '1.1.3']) {
        const history = await fresh.store.actionHistory(ref);
        expect(history.map((h) => h.kind)).to.deep.equal(['import']);
        expect((await fresh.store.getAction(ref))!.value.text).to.match(/\(revised\)$/);
      }
    } finally {
      await fresh.fake.close();
    }
  });
});
