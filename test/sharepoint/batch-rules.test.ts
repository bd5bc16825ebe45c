// What an import sends, checked on the wire: $batch bodies within Graph's
// rules, decorated traffic, and a request count that matches what arrived.
import { expect } from 'chai';
import { importPlan } from '../../core/import/import-plan';
import { readPlanFiles } from '../../store/files/read-sheets';
import { USER_AGENT } from '../../store/sharepoint/graph/graph-client';
import { SAMPLE_DIR } from '../contract/plan-store.contract';
import type { GraphFake } from '../fakes/graph';
import type { SharePointPlanStore } from '../../store/sharepoint';
import { startFakeAndStore } from './fake-store';

interface InnerBody {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

describe('SharePoint requests on the wire', () => {
  let fake: GraphFake;
  let store: SharePointPlanStore;
  before(async () => {
    ({ fake, store } = await startFakeAndStore({}, { bySiteId: true }));
    await store.provision();
    fake.resetRequests();
    const before = store.requestCount();
    const result = await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
    expect(result.problems).to.deep.equal([]);
    const after = store.requestCount();
    // The count the store keeps is what the server saw.
    expect(after.outer - before.outer).to.equal(fake.requests.length);
    expect(after.inner - before.inner).to.equal(fake.requests.reduce((n, r) => n + r.innerCount, 0));
  });
  after(() => fake.close());

  it('keeps every $batch within 20 requests, with unique ids', () => {
    const batches = fake.requests.filter((r) => r.isBatch);
    expect(batches.length).to.be.greaterThan(1);
    for (const b of batches) {
      const requests = (b.body as { requests: InnerBody[] }).requests;
      expect(requests.length).to.be.within(1, 20);
      expect(new Set(requests.map((r) => r.id)).size).to.equal(requests.length);
      expect(b.path).to.equal('/v1.0/$batch');
      expect(b.status).to.equal(200);
    }
  });

  it('writes inner URLs relative and unversioned, with Content-Type beside every body', () => {
    const inner = fake.requests.filter((r) => r.isBatch).flatMap((b) => (b.body as { requests: InnerBody[] }).requests);
    expect(inner.length).to.be.greaterThan(200);
    for (const r of inner) {
      expect(r.url).to.match(/^\/sites\//);
      expect(r.url).to.not.match(/v1\.0|beta|^https?:/);
      if (r.body !== undefined) expect(r.headers?.['Content-Type']).to.equal('application/json');
    }
    const statuses = fake.requests.filter((r) => r.isBatch).flatMap((b) => b.inner!.map((i) => i.status));
    expect(statuses.every((s) => s === 201)).to.equal(true);
  });

  it('decorates every request with the PlanPulse User-Agent', () => {
    expect(fake.requests.length).to.be.greaterThan(0);
    for (const r of fake.requests) expect(r.headers['user-agent']).to.equal(USER_AGENT);
    expect(USER_AGENT).to.equal('NONISV|PlanPulse|PlanPulse/0.1.0');
  });

  it('reads with $select through expand=fields(select=…), never whole items', () => {
    const reads = fake.requests.filter((r) => r.method === 'GET' && r.path.includes('/items'));
    expect(reads.length).to.be.greaterThan(0);
    for (const r of reads) expect(r.path).to.match(/expand=fields\(select=[A-Za-z0-9,]+\)/);
  });
});
