// The board pack read from SharePoint lists (through the Graph fake) holds
// what the SQLite store's does, and the reads it costs are counted.
import { expect } from 'chai';
import { loadBoardPack } from '../../core/board-pack/load';
import { lastMonth } from '../../core/board-pack/period';
import { requestsBetween } from '../../store/sharepoint/graph/request-count';
import { startFakeWithSample } from '../sharepoint/fake-store';
import { sampleStore, samplePack, TODAY } from './sample-pack';

describe('board pack from SharePoint', function () {
  this.timeout(120_000);

  it("matches the SQLite store's pack for the Lancashire sample, reading the history action by action", async () => {
    const { fake, store } = await startFakeWithSample();
    const local = await sampleStore();
    try {
      const before = store.requestCount();
      const started = performance.now();
      const pack = await loadBoardPack(store, { today: TODAY, period: lastMonth(TODAY) });
      const ms = performance.now() - started;
      const spent = requestsBetween(before, store.requestCount());
      const { pack: fromSqlite } = await samplePack(local.store);
      expect(pack.priorities.map((p) => p.actions.length)).to.deep.equal([29, 22, 36, 22, 44]);
      expect(pack.kpis).to.have.length(26);
      // The SQLite sample has a month of updates; this one has none, so compare what does not depend on them.
      expect(pack.priorities.map((p) => p.actions.map((a) => [a.ref, a.text, a.leads, a.originalDueDate, a.dueNote]))).to.deep.equal(
        fromSqlite.priorities.map((p) => p.actions.map((a) => [a.ref, a.text, a.leads, a.originalDueDate, a.dueNote])),
      );
      expect(pack.kpis.map((k) => [k.ref, k.baseline, k.target12m])).to.deep.equal(fromSqlite.kpis.map((k) => [k.ref, k.baseline, k.target12m]));
      // At least one history read per action (the SharePoint store also looks up each action's item id),
      // plus the plan's and the measurements' paged reads; nothing is written.
      expect(spent.outer).to.be.at.least(153);
      expect(spent.batches).to.equal(0);
      console.log(`      board pack from SharePoint: ${spent.outer} Graph requests, ${Math.round(ms)} ms against the fake`);
    } finally {
      await local.cleanup();
      await store.close();
      await fake.close();
    }
  });
});
