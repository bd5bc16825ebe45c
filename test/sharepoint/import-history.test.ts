// An import's change to an action is kept in its history even when Graph
// refuses the history write for good: the action row carries a copy of the
// record (as a lead's save does), from which a later process repairs it.
import { expect } from 'chai';
import { importPlan } from '../../core/import/import-plan';
import { emptyChanges } from '../../core/ports';
import { readPlanFiles } from '../../store/files/read-sheets';
import { anUpdate, SAMPLE_DIR } from '../contract/plan-store.contract';
import { startFakeAndStore, storeOn } from './fake-store';

describe('SharePoint import history', () => {
  it('recovers an import record whose history POST never landed, in a fresh process', async () => {
    const { fake, store } = await startFakeAndStore({}, { maxRetries: 0 });
    try {
      await store.provision();
      await store.applyChanges((await importPlan(store, await readPlanFiles([SAMPLE_DIR]), { dryRun: true })).diff!.changes);
      // A lead's update first, so the row's copy holds their record when the import arrives.
      const read = (await store.getAction('1.1.1'))!;
      await store.saveAction({ ...read.value, commentary: 'On track' }, read.etag, anUpdate('1.1.1'));
      const changes = emptyChanges();
      changes.actions.updated.push({ key: '1.1.1', patch: { text: `${read.value.text} (revised)` } });
      fake.throttleNext(2, 0, 503, 'POST'); // the batched history POST and the retry both fail
      await store.applyChanges(changes);

      const history = await storeOn(fake).actionHistory('1.1.1'); // the first process is gone
      expect(history.map((u) => u.kind)).to.deep.equal(['status', 'import']);
      expect(history[1].changes.map((c) => c.field)).to.deep.equal(['text']);
      expect((await storeOn(fake).getAction('1.1.1'))!.value.commentary).to.equal('On track');
    } finally {
      await fake.close();
    }
  });
});
