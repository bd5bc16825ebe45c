// Reading lists longer than a page: every page followed, headers sent again.
import { expect } from 'chai';
import { importPlan } from '../../core/import/import-plan';
import { readPlanFiles } from '../../store/files/read-sheets';
import { readItems } from '../../store/sharepoint/list-items';
import { LISTS } from '../../store/sharepoint/schema';
import { SAMPLE_DIR } from '../contract/plan-store.contract';
import type { GraphFake } from '../fakes/graph';
import type { SharePointPlanStore } from '../../store/sharepoint';
import { graphOn, startFakeAndStore, storeOn } from './fake-store';

describe('SharePoint paging', () => {
  let fake: GraphFake;
  let store: SharePointPlanStore;
  before(async () => {
    // Seven a page: fewer than the eight lists, the Actions columns and every list's items.
    // SharePoint Online's own threshold (5,000 items): these lists are small, so a
    // filter on a column without an index works here with the Prefer header.
    ({ fake, store } = await startFakeAndStore({ pageSize: 7, listViewThreshold: 5000 }));
    expect((await store.provision()).changes).to.include('created list PlanPulse Leads');
    expect((await store.provision()).changes).to.deep.equal([]);
    const result = await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
    expect(result.problems).to.deep.equal([]);
  });
  after(() => fake.close());

  it('reads every item of every list, following each @odata.nextLink to the end', async () => {
    fake.resetRequests();
    const plan = await store.loadPlan();
    expect(plan.actions).to.have.length(153);
    expect(new Set(plan.actions.map((a) => a.value.ref)).size).to.equal(153);
    expect(plan.outcomes).to.have.length(33);
    expect(plan.kpis).to.have.length(26);
    // 153 actions at 7 a page is 22 pages, all of them read.
    const actionPages = fake.requests.filter((r) => r.path.includes('select=ActionRef,'));
    expect(actionPages).to.have.length(22);
    expect(actionPages.slice(1).every((r) => r.path.includes('$skiptoken='))).to.equal(true);
    expect(actionPages.every((r) => r.status === 200)).to.equal(true);
  });

  it('sends the non-indexed-query header again on every page', async () => {
    const graph = graphOn(fake);
    const listPath = `/sites/${fake.siteId}/lists/${fake.lists().find((l) => l.displayName === 'PlanPulse Actions')!.id}`;
    fake.resetRequests();
    // OutcomeRef is deliberately not indexed; 1.1 has more than seven actions.
    const items = await readItems(graph, listPath, LISTS.actions, ['ActionRef'], { column: 'OutcomeRef', value: '1.1' });
    expect(items.length).to.be.greaterThan(7);
    expect(fake.requests.length).to.be.greaterThan(1);
    for (const r of fake.requests) expect(r.headers.prefer).to.equal('HonorNonIndexedQueriesWarningMayFailRandomly');
  });

  it('sends that header on filtered reads of indexed columns too, and only on filtered reads', async () => {
    fake.resetRequests();
    expect((await store.getAction('3.7.10'))?.value.ref).to.equal('3.7.10');
    const filtered = fake.requests.filter((r) => r.path.includes('filter='));
    expect(filtered.length).to.be.greaterThan(0);
    for (const r of filtered) expect(r.headers.prefer).to.equal('HonorNonIndexedQueriesWarningMayFailRandomly');
    fake.resetRequests();
    await store.loadPlan();
    expect(fake.requests.every((r) => r.headers.prefer === undefined)).to.equal(true);
  });

  it('still finds an action on a small list whose ActionRef index was never created', async () => {
    const graph = graphOn(fake);
    const actions = fake.lists().find((l) => l.displayName === LISTS.actions.displayName)!;
    const column = actions.columns.find((c) => c.name === 'ActionRef')!;
    const listPath = `/sites/${fake.siteId}/lists/${actions.id}`;
    await graph.request({ method: 'PATCH', url: `${listPath}/columns/${column.id}`, body: { indexed: false } });
    try {
      expect((await storeOn(fake).getAction('2.1.1'))?.value.ref).to.equal('2.1.1');
    } finally {
      await graph.request({ method: 'PATCH', url: `${listPath}/columns/${column.id}`, body: { indexed: true } });
    }
  });
});
