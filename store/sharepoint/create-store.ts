// Builds a SharePointPlanStore from settings: where Graph is, which site, how
// to sign in, and how patient to be when SharePoint throttles us.
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { clientCredentialsProvider, type ClientCredentials } from './graph/auth';
import { GraphClient } from './graph/graph-client';
import { DEFAULT_RETRY_POLICY } from './graph/retry-policy';
import { SharePointPlanStore } from './sharepoint-plan-store';
import { Site } from './site';

export const PUBLIC_GRAPH = 'https://graph.microsoft.com';

export type SharePointStoreSettings = {
  /** Graph's root for the tenant's cloud, without a version; defaults to the public cloud. */
  graphBaseUrl?: string;
  /** "contoso.sharepoint.com:/sites/send-partnership", its https URL, or a site id. */
  site: string;
  /** Re-sends of a throttled request (429/503); default 5. */
  maxRetries?: number;
  /** The longest wait for one Retry-After, in seconds; default 120. */
  retryDelayCapSeconds?: number;
  /** The app's SharePoint resource-unit budget a minute, to pace requests under; unset, only 429s pace them. */
  ruPerMinute?: number;
  /** Independent $batch requests in flight at once; default 4. */
  parallelBatches?: number;
} & ({ authProvider: AuthenticationProvider } | ClientCredentials);

export function createSharePointPlanStore(settings: SharePointStoreSettings): SharePointPlanStore {
  const graphBaseUrl = settings.graphBaseUrl ?? PUBLIC_GRAPH;
  const authProvider = 'authProvider' in settings ? settings.authProvider : clientCredentialsProvider(settings, graphBaseUrl);
  const graph = new GraphClient({
    graphBaseUrl,
    authProvider,
    retry: {
      maxRetries: settings.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
      delayCapSeconds: settings.retryDelayCapSeconds ?? DEFAULT_RETRY_POLICY.delayCapSeconds,
      parallelBatches: settings.parallelBatches ?? DEFAULT_RETRY_POLICY.parallelBatches,
    },
    ruPerMinute: settings.ruPerMinute,
  });
  return new SharePointPlanStore(graph, new Site(graph, settings.site));
}
