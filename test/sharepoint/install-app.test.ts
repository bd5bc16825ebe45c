// Installing the Teams app for leads who never have, through Graph's
// /users/{id}/teamwork/installedApps on the fake.
import { expect } from 'chai';
import { graphAppInstaller, installForUnreachedLeads } from '../../bot/install-for-leads';
import { TEAM_ONLY_REASON } from '../../bot/remember';
import { loadConfig } from '../../app/config';
import { importPlan } from '../../core/import/import-plan';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SAMPLE_DIR } from '../contract/plan-store.contract';
import { startFakeAndStore } from './fake-store';

const CATALOG_ID = '5f6e7d8c-1b2a-4c3d-9e8f-7a6b5c4d3e2f';
const aad = (n: number) => `aaaaaaaa-0000-4000-8000-00000000000${n}`;

describe('installing the Teams app for leads who never have', function () {
  this.timeout(30_000);

  it('installs for matched leads with no conversation, never for someone who removed it, and reports a repeat as already installed', async () => {
    const { fake, store } = await startFakeAndStore();
    try {
      await store.provision();
      await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
      const leads = await store.listLeads();
      const withId = (key: string, n: number) =>
        store.saveLead({ ...leads.find((l) => l.key === key)!, aadObjectId: aad(n), email: `${key}@x.example` });
      await withId('jennifer-ashton', 1);
      await withId('sally-richardson', 2);
      await withId('dave-carr', 3);
      await withId('lisa-taylor', 4);
      const reach = store.reachStore();
      const ref = { conversation: { id: 'a:1' } };
      await reach.saveReachability({
        aadObjectId: aad(2),
        leadKey: 'sally-richardson',
        reference: ref,
        reachable: true,
        updatedAt: '2023-03-01T09:00:00Z',
      });
      await reach.saveReachability({
        aadObjectId: aad(3),
        leadKey: 'dave-carr',
        reference: ref,
        reachable: false,
        unreachableReason: 'uninstalled the app',
        updatedAt: '2023-03-01T09:00:00Z',
      });
      // Met PlanPulse only in a team channel: never turned it down in their own chat.
      await reach.saveReachability({
        aadObjectId: aad(4),
        leadKey: 'lisa-taylor',
        reference: {},
        reachable: false,
        unreachableReason: TEAM_ONLY_REASON,
        updatedAt: '2023-03-01T09:00:00Z',
      });

      const installer = graphAppInstaller(store.graphClient(), fake.baseUrl, CATALOG_ID);
      const dry = await installForUnreachedLeads(store, reach, installer, true);
      expect(dry.installed).to.deep.equal(['jennifer-ashton', 'lisa-taylor']);
      expect(fake.installedApps(aad(1))).to.deep.equal([]);

      const first = await installForUnreachedLeads(store, reach, installer);
      expect(first).to.deep.equal({ installed: ['jennifer-ashton', 'lisa-taylor'], alreadyInstalled: [], failed: [] });
      expect(fake.installedApps(aad(1))).to.deep.equal([CATALOG_ID]);
      expect(fake.installedApps(aad(3))).to.deep.equal([]);
      const post = fake.requests.find((r) => r.method === 'POST' && r.path.includes('/teamwork/installedApps'))!;
      expect(post.body).to.deep.equal({ 'teamsApp@odata.bind': `${fake.baseUrl}/v1.0/appCatalogs/teamsApps/${CATALOG_ID}` });

      const again = await installForUnreachedLeads(store, reach, installer);
      expect(again.alreadyInstalled).to.deep.equal(['jennifer-ashton', 'lisa-taylor']);
    } finally {
      await fake.close();
    }
  });

  it('is refused as a setting without the SharePoint store', () => {
    expect(() => loadConfig({ TEAMS_APP_CATALOG_ID: CATALOG_ID })).to.throw(/TEAMS_APP_CATALOG_ID needs PLANPULSE_STORE=sharepoint/);
  });
});
