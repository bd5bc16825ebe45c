// Picks the store from configuration: the embedded SQLite file by default,
// SharePoint lists through Graph when a tenant is configured.
import type { PlanStore } from '../core/ports';
import type { ReachStore } from '../core/reach';
import { SqlitePlanStore } from '../store/local/sqlite-plan-store';
import { SqliteReachStore } from '../store/local/sqlite-reach-store';
import { PlanReadModel } from '../store/read-model';
import type { Config } from './config';

/** `readOnly` (dry runs): the SQLite file is neither created nor changed; SharePoint is only read anyway. */
export async function openStore(config: Config, opts: { readOnly?: boolean } = {}): Promise<PlanStore> {
  if (config.store === 'sharepoint' && config.graph) {
    const { createSharePointPlanStore } = require('../store/sharepoint') as typeof import('../store/sharepoint');
    const g = config.graph;
    return createSharePointPlanStore({
      graphBaseUrl: g.baseUrl,
      site: g.site,
      tenantId: g.tenantId,
      clientId: g.clientId,
      clientSecret: g.clientSecret,
      clientCertificatePath: g.clientCertificatePath,
      authority: `${g.authorityHost}/${g.tenantId}`,
      ruPerMinute: g.ruPerMinute,
    });
  }
  return new SqlitePlanStore(config.dbFile, opts);
}

/** The reach store that lives beside the plan store: the same SQLite file, or the same SharePoint site. */
export function openReachStore(store: PlanStore): ReachStore {
  if (store instanceof SqlitePlanStore) return new SqliteReachStore(store.db);
  const { createSharePointReachStore } = require('../store/sharepoint') as typeof import('../store/sharepoint');
  return createSharePointReachStore(store);
}

/**
 * The plan in memory for the tab, over this store. SQLite's change token is
 * one pragma and exact, so it is checked on every read; SharePoint's costs a
 * request, so at most every 3 seconds.
 */
export function openReadModel(store: PlanStore): PlanReadModel {
  return new PlanReadModel(store, store instanceof SqlitePlanStore ? { checkEveryMs: 0, exactToken: true } : { checkEveryMs: 3000 });
}
