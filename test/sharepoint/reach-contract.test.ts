// The ReachStore contract on SharePoint lists through the Graph fake. Graph
// does not document the status of a duplicate in a unique column, so the
// contract (its races included) runs with each status seen in the wild.
import { expect } from 'chai';
import { runReachStoreContract } from '../contract/reach-store.contract';
import type { UniqueViolationStatus } from '../fakes/graph';
import { startFakeAndStore, storeOn } from './fake-store';

runReachStoreContract('SharePoint lists (Graph fake)', async () => {
  const { fake, store } = await startFakeAndStore();
  await store.provision();
  return {
    reach: store.reachStore(),
    cleanup: async () => {
      await store.close();
      await fake.close();
    },
  };
});

for (const status of [400, 500] as UniqueViolationStatus[]) {
  runReachStoreContract(`SharePoint lists (Graph fake answering a duplicate with ${status})`, async () => {
    const { fake, store } = await startFakeAndStore({ uniqueViolationStatus: status });
    await store.provision();
    return {
      reach: store.reachStore(),
      cleanup: async () => {
        await store.close();
        await fake.close();
      },
    };
  });

  describe(`SharePoint claims when a duplicate answers ${status}`, () => {
    it('gives a lost race false, cleanly, after SharePoint refused the second create', async () => {
      const { fake, store } = await startFakeAndStore({ uniqueViolationStatus: status });
      try {
        await store.provision();
        fake.resetRequests();
        // Three instances, each with its own connection, so their reads all come before a create.
        const instances = [store, storeOn(fake), storeOn(fake)];
        const at = '2023-03-06T09:00:00Z';
        const lease = '2023-03-06T09:10:00Z';
        const won = await Promise.all(
          instances.map((s, i) => s.reachStore().claimDelivery('2023-03-06', 'jennifer-ashton', `instance-${i}`, at, lease)),
        );
        await Promise.all(instances.slice(1).map((s) => s.close()));
        expect(won.filter(Boolean)).to.have.length(1);
        // The race really happened: at least one create was refused with the chosen status.
        expect(fake.requests.filter((r) => r.method === 'POST' && r.status === status).length).to.be.greaterThan(0);
        expect(fake.items('PlanPulse Nudges').filter((i) => i.DeliveryKey === '2023-03-06|jennifer-ashton')).to.have.length(1);
      } finally {
        await store.close();
        await fake.close();
      }
    });
  });
}
