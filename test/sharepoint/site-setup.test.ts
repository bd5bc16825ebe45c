// The store against Graph's stricter answers about the site's set-up: a
// Sites.Selected grant too weak for what is asked (403), a lookup column that
// lost its index on a list past the 5,000-item threshold (422), and a whole
// $batch refused by throttling. Each is either waited out or reported in
// words that say what to fix.
import { expect } from 'chai';
import { UpstreamError } from '../../core/errors';
import { importPlan } from '../../core/import/import-plan';
import { readPlanFiles } from '../../store/files/read-sheets';
import type { SharePointPlanStore } from '../../store/sharepoint';
import { anUpdate, SAMPLE_DIR } from '../contract/plan-store.contract';
import type { GraphFake } from '../fakes/graph';
import { createSharePointPlanStore, staticTokenProvider } from '../../store/sharepoint';
import { graphOn, startFakeAndStore, storeOn, TEST_TOKEN } from './fake-store';

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

describe('SharePoint store and the site’s set-up', function () {
  this.timeout(60_000);
  let fake: GraphFake;
  let store: SharePointPlanStore;
  beforeEach(async () => {
    ({ fake, store } = await startFakeAndStore());
  });
  afterEach(() => fake.close());

  it("provisioning with only a 'write' grant says the app needs 'manage', and creates nothing", async () => {
    fake.setSiteRole('write');
    const error = await failure(store.provision());
    expect(error).to.be.instanceOf(UpstreamError);
    expect(error.message).to.match(/^creating the list PlanPulse [\w ]+ failed: 403 accessDenied: Access denied\. /);
    expect(error.message).to.include("Sites.Selected permission with a 'write' role on the site to keep the plan, and 'manage' (or 'fullcontrol')");
    expect(fake.lists()).to.deep.equal([]);
  });

  it("once provisioned, 'write' is enough to import and to provision again (nothing to change); 'read' is refused in words", async () => {
    await store.provision();
    fake.setSiteRole('write');
    const again = await storeOn(fake).provision();
    expect(again.changes).to.deep.equal([]);
    await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
    expect(fake.items('PlanPulse Actions')).to.have.length(153);

    fake.setSiteRole('read');
    const read = (await store.getAction('1.1.1'))!;
    const error = await failure(store.saveAction({ ...read.value, rag: 'Green' }, read.etag, anUpdate('1.1.1')));
    expect(error.message).to.include('403 accessDenied');
    expect(error.message).to.include("'write' role on the site");
    fake.setSiteRole('write');
    expect((await store.getAction('1.1.1'))!.value.rag).to.equal(read.value.rag);
  });

  it('a key column that lost its index on a large list is reported with the fix, and provision restores the index', async () => {
    // fake-store's fakes count every list as past the 5,000-item threshold.
    await store.provision();
    await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
    const graph = graphOn(fake);
    const actions = fake.lists().find((l) => l.displayName === 'PlanPulse Actions')!;
    const actionRef = actions.columns.find((c) => c.name === 'ActionRef')!;
    await graph.request({ method: 'PATCH', url: `/sites/${fake.siteId}/lists/${actions.id}/columns/${actionRef.id}`, body: { indexed: false } });

    const later = storeOn(fake);
    const error = await failure(later.getAction('1.1.1'));
    expect(error.message).to.include('422 notSupported');
    expect(error.message).to.include('has no index. Run `planpulse provision`');

    const report = await later.provision();
    expect(report.changes).to.deep.equal(['updated column ActionRef in PlanPulse Actions (indexed)']);
    expect((await later.getAction('1.1.1'))?.value.ref).to.equal('1.1.1');
  });

  it('waits out a whole $batch refused with 429 and sends it again: the save lands once, with one history record', async () => {
    await store.provision();
    await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
    const read = (await store.getAction('1.2.1'))!;
    const historyBefore = fake.items('PlanPulse Action Updates').length;
    fake.resetRequests();
    fake.throttleNext(1, 1, 429, '$BATCH');
    const start = Date.now();
    const saved = await store.saveAction({ ...read.value, rag: 'Amber', commentary: 'Late data' }, read.etag, anUpdate('1.2.1'));
    expect(Date.now() - start).to.be.at.least(1000);
    expect(saved.value.rag).to.equal('Amber');
    const batches = fake.requests.filter((r) => r.isBatch);
    expect(batches.map((r) => r.status)).to.deep.equal([429, 200]);
    expect(batches[0]!.inner).to.equal(undefined);
    expect(fake.items('PlanPulse Action Updates')).to.have.length(historyBefore + 1);
  });
});

describe('SharePoint store on a site whose lists come in several pages', function () {
  this.timeout(60_000);
  it('notices a change in a list that is not on the first page of the site’s lists', async () => {
    const { fake, store } = await startFakeAndStore({ pageSize: 3 });
    try {
      await store.provision();
      const before = await store.changeToken();
      expect(before.split(';')).to.have.length(fake.lists().length);
      // The last list created is on the last page.
      const last = fake.lists().at(-1)!;
      await new Promise((resolve) => setTimeout(resolve, 1100)); // lastModifiedDateTime has whole seconds
      await graphOn(fake).request({ method: 'POST', url: `/sites/${fake.siteId}/lists/${last.id}/items`, body: { fields: { Title: 'By hand' } } });
      expect(await store.changeToken()).not.to.equal(before);
    } finally {
      await fake.close();
    }
  });
});

describe('SharePoint store on a Graph host named only in its settings', function () {
  this.timeout(60_000);
  it('follows every nextLink on that host with its token, as on a national cloud (graph.microsoft.us and the like)', async () => {
    const { fake } = await startFakeAndStore({ pageSize: 5 });
    try {
      // "localhost" stands for a national cloud's host name: nothing public is assumed.
      const graphBaseUrl = fake.baseUrl.replace('127.0.0.1', 'localhost');
      const store = createSharePointPlanStore({
        graphBaseUrl,
        site: `${fake.hostname}:/sites/send-partnership`,
        authProvider: staticTokenProvider(TEST_TOKEN),
      });
      await store.provision();
      await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
      fake.resetRequests();
      const plan = await store.loadPlan();
      expect(plan.actions).to.have.length(153);
      const followed = fake.requests.filter((r) => r.path.includes('$skiptoken='));
      expect(followed.length).to.be.greaterThan(30);
      const host = new URL(graphBaseUrl).host;
      expect(fake.requests.every((r) => r.headers.host === host && r.headers.authorization === `Bearer ${TEST_TOKEN}` && r.status === 200)).to.equal(
        true,
      );
    } finally {
      await fake.close();
    }
  });
});
