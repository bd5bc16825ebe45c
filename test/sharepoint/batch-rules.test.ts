// What an import sends, checked on the wire: $batch bodies within Graph's
// rules, decorated traffic, and a request count that matches what arrived.
import { expect } from 'chai';
import { importPlan } from '../../core/import/import-plan';
import { readPlanFiles } from '../../store/files/read-sheets';
import { USER_AGENT } from '../../store/sharepoint/graph/graph-client';
import { SAMPLE_DIR } from '../contract/plan-store.contract';
import type { GraphFake } from '../fakes/graph';
import type { SharePointPlanStore } from '../../store/sharepoint';
import { requestsBetween, type RequestCount } from '../../store/sharepoint/graph/request-count';
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
  let counted: RequestCount;
  before(async () => {
    ({ fake, store } = await startFakeAndStore({}, { bySiteId: true }));
    await store.provision();
    fake.resetRequests();
    const before = store.requestCount();
    const result = await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
    expect(result.problems).to.deep.equal([]);
    const after = store.requestCount();
    counted = requestsBetween(before, after);
    // The count the store keeps is what the server saw.
    expect(after.outer - before.outer).to.equal(fake.requests.length);
    expect(after.inner - before.inner).to.equal(fake.requests.reduce((n, r) => n + r.innerCount, 0));
  });
  after(() => fake.close());

  // The figure the README states: importing the Lancashire plan into
  // provisioned, empty lists takes this many requests.
  it('imports the Lancashire plan in 26 requests: 12 reads and 14 $batch carrying 263 writes', () => {
    const gets = fake.requests.filter((r) => r.method === 'GET');
    const batches = fake.requests.filter((r) => r.isBatch);
    expect({
      gets: gets.length,
      batches: batches.length,
      writes: batches.reduce((n, b) => n + b.innerCount, 0),
      all: fake.requests.length,
    }).to.deep.equal({
      gets: 12,
      batches: 14,
      writes: 263,
      all: 26,
    });
    // 263 = 5 groups + 5 priorities + 33 outcomes + 153 actions + 26 KPIs + 41 leads, one create each.
    // 550 resource units: 12 list reads and 263 writes at 2 each.
    expect(counted).to.deep.equal({ outer: 26, batches: 14, inner: 263, units: 550 });
  });

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
