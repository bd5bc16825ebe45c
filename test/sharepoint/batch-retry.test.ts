// The batch runner against a scripted Graph: which inner requests it re-sends,
// and how it words a failure, without a server in the way.
import { expect } from 'chai';
import { UpstreamError } from '../../core/errors';
import { expectAllSucceeded, runBatch, type BatchStep } from '../../store/sharepoint/graph/batch';
import type { GraphCall, GraphClient, GraphReply } from '../../store/sharepoint/graph/graph-client';

type Inner = { id: string; method: string; url: string; dependsOn?: string[] };

/** Answers each $batch with the statuses the script gives for it, by inner position. */
function scriptedGraph(script: number[][]): { graph: GraphClient; sent: Inner[][] } {
  const sent: Inner[][] = [];
  const graph = {
    policy: { maxRetries: 3, delayCapSeconds: 0 },
    countInner: () => undefined,
    async request(call: GraphCall): Promise<GraphReply> {
      const requests = (call.body as { requests: Inner[] }).requests;
      sent.push(requests);
      const statuses = script[sent.length - 1];
      const responses = requests
        .map((r, i) => ({ id: r.id, status: statuses[i], headers: statuses[i] === 429 ? { 'Retry-After': '0' } : {}, body: {} }))
        .reverse();
      return { status: 200, headers: {}, body: { responses } };
    },
  };
  return { graph: graph as unknown as GraphClient, sent };
}

const patch: BatchStep = {
  key: 'action',
  method: 'PATCH',
  url: '/sites/s/lists/a/items/1/fields',
  headers: { 'If-Match': '"{X},1"' },
  body: { Rag: 'Green' },
  label: 'action 1.1.1',
};
const post: BatchStep = {
  key: 'history',
  method: 'POST',
  url: '/sites/s/lists/h/items',
  body: { fields: {} },
  dependsOn: ['action'],
  label: 'history record u1',
};

describe('SharePoint $batch runner', () => {
  it('re-sends only a throttled history POST once its PATCH has succeeded, without the spent dependency', async () => {
    const { graph, sent } = scriptedGraph([[200, 429], [201]]);
    const results = await runBatch(graph, [patch, post]);
    expect(results.get('action')!.status).to.equal(200);
    expect(results.get('history')!.status).to.equal(201);
    expect(sent[0].map((r) => r.method)).to.deep.equal(['PATCH', 'POST']);
    expect(sent[0][1].dependsOn).to.deep.equal([sent[0][0].id]);
    expect(sent[1]).to.have.length(1);
    expect(sent[1][0]).to.deep.include({ method: 'POST' });
    expect(sent[1][0]).to.not.have.property('dependsOn');
  });

  it('re-sends a throttled PATCH together with the POST that failed because of it', async () => {
    const { graph, sent } = scriptedGraph([
      [429, 424],
      [200, 201],
    ]);
    const results = await runBatch(graph, [patch, post]);
    expect([results.get('action')!.status, results.get('history')!.status]).to.deep.equal([200, 201]);
    expect(sent[1][1].dependsOn).to.deep.equal([sent[1][0].id]);
  });

  it('leaves a conflict alone: 412 and its 424 are not throttling', async () => {
    const { graph, sent } = scriptedGraph([[412, 424]]);
    const results = await runBatch(graph, [patch, post]);
    expect(sent).to.have.length(1);
    expect(results.get('action')!.status).to.equal(412);
  });

  it('never mixes chains and independent requests in one $batch, not even in a retry round', async () => {
    const chain = (n: number): BatchStep[] => [
      { ...patch, key: `action${n}`, url: `/sites/s/lists/a/items/${n}/fields` },
      { ...post, key: `history${n}`, dependsOn: [`action${n}`] },
    ];
    const single: BatchStep = { key: 'kpi', method: 'PATCH', url: '/sites/s/lists/k/items/9/fields', body: { Target: '90%' }, label: 'KPI 1.1.K1' };
    // The first chain is throttled once; its re-send must go alone, not with the others.
    const { graph, sent } = scriptedGraph([[429, 424], [200, 201], [200, 201], [200]]);
    const results = await runBatch(graph, [...chain(1), ...chain(2), single]);
    expect([...results.values()].map((r) => r.status)).to.have.members([200, 201, 200, 201, 200]);
    const isParallel = (batch: Inner[]) => batch.every((r) => r.dependsOn === undefined);
    const isChain = (batch: Inner[]) =>
      batch.every((r, i) => (i === 0 ? r.dependsOn === undefined : r.dependsOn?.length === 1 && r.dependsOn[0] === batch[i - 1].id));
    for (const batch of sent) expect(isParallel(batch) || isChain(batch), JSON.stringify(batch)).to.equal(true);
    expect(sent.map((b) => b.map((r) => r.url))).to.deep.equal([
      ['/sites/s/lists/a/items/1/fields', '/sites/s/lists/h/items'],
      ['/sites/s/lists/a/items/1/fields', '/sites/s/lists/h/items'],
      ['/sites/s/lists/a/items/2/fields', '/sites/s/lists/h/items'],
      ['/sites/s/lists/k/items/9/fields'],
    ]);
  });

  it('refuses steps that fan out from one step rather than form a serial chain', async () => {
    const { graph, sent } = scriptedGraph([]);
    let error: unknown;
    try {
      await runBatch(graph, [patch, post, { ...post, key: 'second', dependsOn: ['action'] }]);
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.contain('fully parallel or fully sequential');
    expect(sent).to.have.length(0);
  });

  it('names every item that failed', () => {
    const results = new Map([
      ['action', { status: 200, headers: {}, body: {} }],
      ['history', { status: 400, headers: {}, body: { error: { code: 'invalidRequest', message: "Field 'Foo' is not recognized" } } }],
    ]);
    expect(() => expectAllSucceeded([patch, post], results)).to.throw(
      UpstreamError,
      "1 of 2 writes failed: history record u1 (POST): 400 invalidRequest: Field 'Foo' is not recognized",
    );
  });

  it('refuses versioned or absolute URLs and duplicate keys before sending anything', async () => {
    const { graph, sent } = scriptedGraph([]);
    for (const url of ['/v1.0/sites/s/lists/a/items', 'https://graph.microsoft.com/v1.0/sites/s']) {
      let error: unknown;
      try {
        await runBatch(graph, [{ ...patch, url }]);
      } catch (e) {
        error = e;
      }
      expect(String(error)).to.contain('relative and unversioned');
    }
    let duplicate: unknown;
    try {
      await runBatch(graph, [patch, patch]);
    } catch (e) {
      duplicate = e;
    }
    expect(String(duplicate)).to.contain('Duplicate');
    expect(sent).to.have.length(0);
  });
});
