// While the history list refuses writes, a saved update's record lives in the
// action row's copy (LastUpdateJson). The next save must not replace that copy
// before the record is in the list: it is refused instead, and nothing is lost.
import { expect } from 'chai';
import { UpstreamError } from '../../core/errors';
import { LISTS } from '../../store/sharepoint/schema';
import { anUpdate } from '../contract/plan-store.contract';
import { graphOn, startFakeWithSample, storeOn } from './fake-store';

describe('SharePoint history while its list refuses writes', function () {
  this.timeout(60_000);

  it('refuses the next save rather than drop the record only the action row still holds', async () => {
    const { fake, store } = await startFakeWithSample({}, { maxRetries: 1, retryDelayCapSeconds: 0 });
    try {
      // Someone deletes a column of the history list: every history write now fails.
      const list = fake.lists().find((l) => l.displayName === LISTS.actionUpdates.displayName)!;
      const column = list.columns.find((c) => c.name === 'UpdateComment')!;
      await graphOn(fake).request({ method: 'DELETE', url: `/sites/${fake.siteId}/lists/${list.id}/columns/${column.id}` });

      const read = (await store.getAction('3.1.1'))!;
      const first = await store.saveAction({ ...read.value, rag: 'Green' }, read.etag, anUpdate('3.1.1', { comment: 'first' }));
      let refused: unknown;
      await store
        .saveAction({ ...first.value, rag: 'Amber', commentary: 'second' }, first.etag, anUpdate('3.1.1', { comment: 'second' }))
        .catch((e) => (refused = e));
      expect(refused).to.be.instanceOf(UpstreamError);
      expect((await store.getAction('3.1.1'))!.value.rag).to.equal('Green');

      // The process dies; the list is repaired; a new process finds the first record.
      await storeOn(fake).provision();
      expect((await storeOn(fake).actionHistory('3.1.1')).map((u) => u.comment)).to.deep.equal(['first']);
    } finally {
      await fake.close();
    }
  });

  it('shows a saved update whose record cannot be written yet, from memory, as the newest', async () => {
    const { fake, store } = await startFakeWithSample({}, { maxRetries: 0 });
    try {
      const read = (await store.getAction('3.1.1'))!;
      fake.throttleNext(3, 0, 503, 'POST'); // the batched record, its retry, and the retry while reading
      await store.saveAction({ ...read.value, rag: 'Green' }, read.etag, anUpdate('3.1.1', { comment: 'first' }));
      expect((await store.actionHistory('3.1.1')).map((u) => u.comment)).to.deep.equal(['first']);
      expect((await storeOn(fake).actionHistory('3.1.1')).map((u) => u.comment)).to.deep.equal(['first']); // and written once Graph takes it
    } finally {
      await fake.close();
    }
  });
});
