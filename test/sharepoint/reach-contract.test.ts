// The ReachStore contract on SharePoint lists through the Graph fake.
import { runReachStoreContract } from '../contract/reach-store.contract';
import { startFakeAndStore } from './fake-store';

runReachStoreContract('SharePoint lists (Graph fake)', async () => {
  const { fake, store } = await startFakeAndStore();
  await store.provision();
  return { reach: store.reachStore(), cleanup: async () => { await store.close(); await fake.close(); } };
});
