// Optional: installs the Teams app for matched leads who have never installed
// it, so the weekly prompt can reach them (Teams then tells the bot, which
// keeps the conversation). Needs the app's id in the tenant's catalogue and
// the Graph permission TeamsAppInstallation.ReadWriteSelfForUser.All.
// Someone who removed or blocked the app is never reinstalled.
import { UpstreamError } from '../core/errors';
import type { PlanStore } from '../core/ports';
import type { ReachStore } from '../core/reach';
import { whyUnreachable } from '../core/unreachable';
import type { GraphClient } from '../store/sharepoint/graph/graph-client';

export type InstallResult = 'installed' | 'already-installed';

export interface AppInstaller {
  install(aadObjectId: string): Promise<InstallResult>;
}

export function graphAppInstaller(graph: GraphClient, graphBaseUrl: string, catalogAppId: string): AppInstaller {
  return {
    async install(aadObjectId) {
      try {
        await graph.request({
          method: 'POST',
          url: `/users/${encodeURIComponent(aadObjectId)}/teamwork/installedApps`,
          body: { 'teamsApp@odata.bind': `${graphBaseUrl.replace(/\/+$/, '')}/v1.0/appCatalogs/teamsApps/${catalogAppId}` },
          what: `installing PlanPulse for ${aadObjectId}`,
        });
        return 'installed';
      } catch (e) {
        if (e instanceof UpstreamError && e.status === 409) return 'already-installed';
        throw e;
      }
    },
  };
}

export interface InstallReport {
  installed: string[];
  alreadyInstalled: string[];
  failed: Array<{ leadKey: string; error: string }>;
}

export async function installForUnreachedLeads(store: PlanStore, reach: ReachStore, installer: AppInstaller, dryRun = false): Promise<InstallReport> {
  const report: InstallReport = { installed: [], alreadyInstalled: [], failed: [] };
  // Someone who only met PlanPulse in a team never chose against it in their own
  // chat, so they are still installed for; removed or blocked is their choice.
  const known = new Set(
    (await reach.listReachability()).filter((r) => whyUnreachable(r)?.why !== 'team-only').map((r) => r.aadObjectId.toLowerCase()),
  );
  for (const lead of await store.listLeads()) {
    if (!lead.aadObjectId || known.has(lead.aadObjectId.toLowerCase())) continue;
    if (dryRun) {
      report.installed.push(lead.key);
      continue;
    }
    try {
      const result = await installer.install(lead.aadObjectId);
      (result === 'installed' ? report.installed : report.alreadyInstalled).push(lead.key);
    } catch (e) {
      report.failed.push({ leadKey: lead.key, error: (e as Error).message });
      // Without the permission every call fails the same way: say so once.
      if (e instanceof UpstreamError && (e.status === 401 || e.status === 403)) break;
    }
  }
  return report;
}
