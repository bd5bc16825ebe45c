// A SharePoint store wired to a fresh Graph fake, as every test here needs.
import { startGraphFake, type GraphFake, type GraphFakeOptions } from '../fakes/graph';
import { createSharePointPlanStore, staticTokenProvider, type SharePointPlanStore } from '../../store/sharepoint';
import { GraphClient } from '../../store/sharepoint/graph/graph-client';
import { importPlan } from '../../core/import/import-plan';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SAMPLE_DIR } from '../contract/plan-store.contract';

export const TEST_TOKEN = 'planpulse-test-token';

export interface FakeAndStore {
  fake: GraphFake;
  store: SharePointPlanStore;
}

export async function startFakeAndStore(
  options: GraphFakeOptions = {},
  settings: { maxRetries?: number; retryDelayCapSeconds?: number; bySiteId?: boolean } = {},
): Promise<FakeAndStore> {
  // Threshold 0: every list counts as past SharePoint's 5,000 items, so any
  // filter the store sends on a column without an index fails (422) even with
  // the Prefer header, and the store is held to the indexed columns everywhere.
  const fake = await startGraphFake({ requiredToken: TEST_TOKEN, listViewThreshold: 0, ...options });
  const store = createSharePointPlanStore({
    graphBaseUrl: fake.baseUrl,
    site: settings.bySiteId ? fake.siteId : `${fake.hostname}:/sites/send-partnership`,
    authProvider: staticTokenProvider(TEST_TOKEN),
    maxRetries: settings.maxRetries,
    retryDelayCapSeconds: settings.retryDelayCapSeconds,
  });
  return { fake, store };
}

/** A fresh fake with the lists provisioned and the Lancashire sample imported: where most store tests start. */
export async function startFakeWithSample(
  options: GraphFakeOptions = {},
  settings: Parameters<typeof startFakeAndStore>[1] = {},
): Promise<FakeAndStore> {
  const started = await startFakeAndStore(options, settings);
  await started.store.provision();
  await importPlan(started.store, await readPlanFiles([SAMPLE_DIR]));
  return started;
}

/** Another store on the same fake: a second process, or the same one after a restart. */
export function storeOn(fake: GraphFake): SharePointPlanStore {
  return createSharePointPlanStore({
    graphBaseUrl: fake.baseUrl,
    site: `${fake.hostname}:/sites/send-partnership`,
    authProvider: staticTokenProvider(TEST_TOKEN),
  });
}

/** A Graph client of our own on the fake, for changing things behind the store's back. */
export function graphOn(fake: GraphFake, retry: { maxRetries?: number; delayCapSeconds?: number } = {}): GraphClient {
  return new GraphClient({ graphBaseUrl: fake.baseUrl, authProvider: staticTokenProvider(TEST_TOKEN), retry });
}

/** Requests that change something (everything but GETs). */
export function writesIn(fake: GraphFake) {
  return fake.requests.filter((r) => r.method !== 'GET');
}
