// The SharePoint store's public face.
export { createSharePointPlanStore, PUBLIC_GRAPH, type SharePointStoreSettings } from './create-store';
export { SharePointPlanStore } from './sharepoint-plan-store';
export { clientCredentialsProvider, staticTokenProvider, defaultAuthority, type ClientCredentials } from './graph/auth';
export type { RequestCount } from './graph/request-count';
export { LISTS, ALL_LISTS, type ListSpec, type ColumnSpec } from './schema';
