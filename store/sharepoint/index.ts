// The SharePoint store's public face.
export { createSharePointPlanStore, PUBLIC_GRAPH, type SharePointStoreSettings } from './create-store';
import { SharePointPlanStore } from './sharepoint-plan-store';
import { SharePointReachStore } from './sharepoint-reach-store';
export { SharePointPlanStore, SharePointReachStore };
export { clientCredentialsProvider, staticTokenProvider, defaultAuthority, type ClientCredentials } from './graph/auth';
export type { RequestCount } from './graph/request-count';
export { LISTS, ALL_LISTS, type ListSpec, type ColumnSpec } from './schema';

/** The reach store that lives beside a SharePoint plan store (same site, same Graph client). */
export function createSharePointReachStore(store: unknown): SharePointReachStore {
  if (!(store instanceof SharePointPlanStore)) throw new Error('The SharePoint reach store needs the SharePoint plan store.');
  return store.reachStore();
}
