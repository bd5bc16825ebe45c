// Proves the Graph fake enforces the SharePoint-list rules the store relies on,
// using plain fetch so nothing here depends on the Graph client's behaviour.
// Needs NODE_EXTRA_CA_CERTS=test/fixtures/tls/cert.pem (test/run.cjs sets it).

import { expect } from 'chai';
import { startGraphFake, type GraphFake } from './fakes/graph';

const TOKEN = 'test-token';
const PREFER = 'HonorNonIndexedQueriesWarningMayFailRandomly';
const LIST = 'Actions';

interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

describe('Graph fake (SharePoint lists over HTTPS)', () => {
  let fake: GraphFake;
  let listPath: string;

  /** A request to the fake; `path` is below /v1.0 unless it is an absolute URL (a nextLink). */
  async function graph(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const url = path.startsWith('https://') ? path : `${fake.baseUrl}/v1.0${path}`;
    const init: RequestInit = { method, headers: { Authorization: `Bearer ${TOKEN}`, ...headers } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    }
    const res = await fetch(url, init);
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
  }

  async function createItem(fields: Record<string, unknown>): Promise<any> {
    const reply = await graph('POST', `${listPath}/items`, { fields });
    expect(reply.status, JSON.stringify(reply.body)).to.equal(201);
    return reply.body;
  }

  function stored(id: string): Record<string, unknown> {
    const item = fake.items(LIST).find((fields) => fields.id === id);
    if (!item) throw new Error(`item ${id} not in fake`);
    return item;
  }

  before(async () => {
    fake = await startGraphFake({ pageSize: 2, requiredToken: TOKEN });
    const created = await graph('POST', `/sites/${fake.siteId}/lists`, {
      displayName: LIST,
      columns: [
        { name: 'Status', indexed: true, choice: { choices: ['Open', 'Done'] } },
        { name: 'Owner', text: {} },
        { name: 'Notes', text: { allowMultipleLines: true } },
        { name: 'Score', number: { minimum: 0, maximum: 10 } },
        { name: 'Urgent', boolean: {} },
        { name: 'DueDate', dateTime: { format: 'dateOnly' } },
        { name: 'ReviewedAt', dateTime: {} },
        { name: 'Lead', personOrGroup: {} },
      ],
      list: { template: 'genericList' },
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    listPath = `/sites/${fake.siteId}/lists/${created.body.id}`;
  });

  after(async () => {
    await fake.close();
  });

  describe('sites and authentication', () => {
    it('rejects a request without a bearer token, or with the wrong one', async () => {
      const none = await fetch(`${fake.baseUrl}/v1.0/sites/${fake.siteId}`);
      expect(none.status).to.equal(401);
      expect((await none.json()).error.code).to.equal('InvalidAuthenticationToken');
      const wrong = await graph('GET', `/sites/${fake.siteId}`, undefined, { Authorization: 'Bearer other' });
      expect(wrong.status).to.equal(401);
    });

    it('resolves the site by hostname and path, and 404s an unknown path', async () => {
      const site = await graph('GET', `/sites/${fake.hostname}:/sites/send-partnership`);
      expect(site.status).to.equal(200);
      expect(site.body.id).to.equal(fake.siteId);
      expect(site.body.id.split(',')).to.have.length(3);
      const missing = await graph('GET', `/sites/${fake.hostname}:/sites/nowhere`);
      expect(missing.status).to.equal(404);
      expect(missing.body.error.code).to.equal('itemNotFound');
      expect(missing.body.error.innerError['request-id']).to.be.a('string');
    });
  });

  describe('lists and columns', () => {
    it('gives a genericList a writable Title and read-only system columns', async () => {
      const reply = await graph('GET', `/sites/${fake.siteId}/lists/${LIST}?$expand=columns`);
      expect(reply.status).to.equal(200);
      const byName = new Map<string, any>(reply.body.columns.map((c: any) => [c.name, c]));
      expect(byName.get('Title').readOnly).to.equal(false);
      expect(byName.get('Title').text.maxLength).to.equal(255);
      expect(byName.get('Created').readOnly).to.equal(true);
      expect(byName.get('Modified').readOnly).to.equal(true);
      expect(byName.get('Status').indexed).to.equal(true);
    });

    it('refuses a duplicate list name with 409 and a column without exactly one type with 400', async () => {
      const duplicate = await graph('POST', `/sites/${fake.siteId}/lists`, { displayName: LIST.toLowerCase() });
      expect(duplicate.status).to.equal(409);
      expect(duplicate.body.error.code).to.equal('nameAlreadyExists');
      const twoTypes = await graph('POST', `${listPath}/columns`, { name: 'Odd', text: {}, number: {} });
      expect(twoTypes.status).to.equal(400);
      const noType = await graph('POST', `${listPath}/columns`, { name: 'Odd' });
      expect(noType.status).to.equal(400);
      expect(fake.lists()[0]?.columns.some((c) => c.name === 'Odd')).to.equal(false);
    });

    it('finds a list with $filter=displayName eq', async () => {
      const reply = await graph('GET', `/sites/${fake.siteId}/lists?$filter=displayName eq '${LIST}'&$select=id,displayName`);
      expect(reply.status).to.equal(200);
      expect(reply.body.value).to.deep.equal([{ id: fake.lists()[0]?.id, displayName: LIST }]);
    });
  });

  describe('items', () => {
    it('pages with an absolute https nextLink that carries the query, across 3 pages', async () => {
      const ids: string[] = [];
      for (let n = 1; n <= 6; n++) ids.push((await createItem({ Title: `Page item ${n}`, Status: n === 3 ? 'Done' : 'Open' })).id);
      const wanted = ids.filter((_, i) => i !== 2);

      let url: string | undefined =
        `${listPath}/items?$select=id,eTag&expand=fields(select=Title,Status)` +
        `&$filter=fields/Status eq 'Open' and startswith(fields/Title,'Page')`;
      const pages: any[][] = [];
      while (url) {
        // Title is not indexed, so Prefer is needed, and it must be re-sent on every page.
        const page: Reply = await graph('GET', url, undefined, { Prefer: PREFER });
        expect(page.status, JSON.stringify(page.body)).to.equal(200);
        pages.push(page.body.value);
        url = page.body['@odata.nextLink'];
        if (url) {
          expect(url.startsWith(`${fake.baseUrl}/v1.0/sites/`)).to.equal(true);
          expect(url).to.contain('$skiptoken=');
          expect(decodeURIComponent(url)).to.contain("fields/Status eq 'Open'");
        }
      }
      expect(pages.map((p) => p.length)).to.deep.equal([2, 2, 1]);
      const items = pages.flat();
      expect(items.map((i) => i.id)).to.deep.equal(wanted);
      // $select kept id and eTag on every page; the expanded fields survive $select, as in OData.
      expect(Object.keys(items[2]).sort()).to.deep.equal(['@odata.etag', 'eTag', 'fields', 'id']);
      expect(Object.keys(items[4].fields).sort()).to.deep.equal(['@odata.etag', 'Status', 'Title']);
      expect(items[0].eTag).to.match(/^"\{[0-9A-F-]{36}\},1"$/);
    });

    it('answers 412 to a stale If-Match and changes nothing', async () => {
      const item = await createItem({ Title: 'Original' });
      const first = await graph('PATCH', `${listPath}/items/${item.id}/fields`, { Title: 'First edit' }, { 'If-Match': item.eTag });
      expect(first.status).to.equal(200);
      expect(first.body['@odata.etag']).to.match(/,2"$/);

      const stale = await graph('PATCH', `${listPath}/items/${item.id}/fields`, { Title: 'Lost update' }, { 'If-Match': item.eTag });
      expect(stale.status).to.equal(412);
      expect(stale.body.error.code).to.equal('resourceModified');
      expect(stale.body.error.innerError.code).to.equal('entityTagDoesNotMatch');
      expect(stored(item.id).Title).to.equal('First edit');
      expect(stored(item.id)['@odata.etag']).to.equal(first.body['@odata.etag']);

      const staleDelete = await graph('DELETE', `${listPath}/items/${item.id}`, undefined, { 'If-Match': item.eTag });
      expect(staleDelete.status).to.equal(412);
      const unquoted = await graph('DELETE', `${listPath}/items/${item.id}`, undefined, { 'If-Match': item.eTag.slice(1, -1) });
      expect(unquoted.status).to.equal(400);
      expect(unquoted.body.error.innerError.code).to.equal('malformedEntityTag');
      const deleted = await graph('DELETE', `${listPath}/items/${item.id}`, undefined, { 'If-Match': first.body['@odata.etag'] });
      expect(deleted.status).to.equal(204);
      expect(fake.items(LIST).some((f) => f.id === item.id)).to.equal(false);
    });

    it('rejects an unknown field with 400 naming it, and changes nothing', async () => {
      const item = await createItem({ Title: 'Keep me', Owner: 'Sam' });
      const before = stored(item.id);
      const reply = await graph('PATCH', `${listPath}/items/${item.id}/fields`, { Title: 'Changed', Colour: 'Red' });
      expect(reply.status).to.equal(400);
      expect(reply.body.error.code).to.equal('invalidRequest');
      expect(reply.body.error.message).to.contain('Colour');
      expect(stored(item.id)).to.deep.equal(before);

      const count = fake.items(LIST).length;
      const create = await graph('POST', `${listPath}/items`, { fields: { Title: 'Never', Colour: 'Red' } });
      expect(create.status).to.equal(400);
      expect(fake.items(LIST)).to.have.length(count);
    });

    it('checks field types, read-only fields and text length', async () => {
      const item = await createItem({ Title: 'Types', LeadLookupId: '6', Score: 3, Urgent: true });
      expect(stored(item.id).LeadLookupId).to.equal('6');
      const cases: Array<[string, unknown]> = [
        ['Score', '3'],
        ['Score', 11],
        ['Urgent', 'yes'],
        ['Status', 'Maybe'],
        ['Created', '2023-01-01T00:00:00Z'],
        ['ReviewedAt', 'last Tuesday'],
        ['Owner', 'x'.repeat(256)],
        ['Lead', 'Jo'],
      ];
      for (const [field, value] of cases) {
        const reply = await graph('PATCH', `${listPath}/items/${item.id}/fields`, { [field]: value });
        expect(reply.status, `${field}=${String(value).slice(0, 20)}`).to.equal(400);
      }
      const long = await graph('PATCH', `${listPath}/items/${item.id}/fields`, { Notes: 'x'.repeat(1000) });
      expect(long.status).to.equal(200);
      expect(stored(item.id)['@odata.etag']).to.match(/,2"$/);
    });

    it('needs the Prefer header to filter on a non-indexed column', async () => {
      await createItem({ Title: 'Owned', Owner: 'Priya' });
      const query = `${listPath}/items?expand=fields&$filter=fields/Owner eq 'Priya'`;
      const refused = await graph('GET', query);
      expect(refused.status).to.equal(400);
      expect(refused.body.error.code).to.equal('invalidRequest');
      expect(refused.body.error.message).to.contain("Field 'Owner'").and.contain(PREFER);

      const allowed = await graph('GET', query, undefined, { Prefer: PREFER });
      expect(allowed.status).to.equal(200);
      expect(allowed.body.value.map((i: any) => i.fields.Owner)).to.deep.equal(['Priya']);

      const indexed = await graph('GET', `${listPath}/items?$filter=fields/Status eq 'Done'`);
      expect(indexed.status).to.equal(200);
      expect(indexed.body.value).to.have.length(1);

      const unknown = await graph('GET', `${listPath}/items?$filter=fields/Nope eq 1`, undefined, { Prefer: PREFER });
      expect(unknown.status).to.equal(400);
      const badSyntax = await graph('GET', `${listPath}/items?$filter=fields/Status eqq 'Done'`);
      expect(badSyntax.status).to.equal(400);
    });

    it('stores dateOnly values as midnight Europe/London and normalises dateTime to UTC', async () => {
      const cases: Array<[string, string]> = [
        ['2023-06-30T12:00:00Z', '2023-06-29T23:00:00Z'], // BST
        ['2023-03-01T12:00:00Z', '2023-03-01T00:00:00Z'], // GMT
        ['2023-03-31T12:00:00Z', '2023-03-30T23:00:00Z'], // BST began on 26 March 2023
      ];
      for (const [written, expected] of cases) {
        const item = await createItem({ Title: `Due ${written}`, DueDate: written });
        const read = await graph('GET', `${listPath}/items/${item.id}?expand=fields`);
        expect(read.body.fields.DueDate, written).to.equal(expected);
      }
      const item = await createItem({ Title: 'Reviewed', ReviewedAt: '2023-06-30T12:34:56.789+01:00' });
      expect(item.fields.ReviewedAt).to.equal('2023-06-30T11:34:56Z');
    });
  });

  describe('$batch', () => {
    const site = () => `/sites/${fake.siteId}`;

    it('refuses more than 20 requests with an outer 400', async () => {
      fake.resetRequests();
      const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: site() }));
      const reply = await graph('POST', '/$batch', { requests });
      expect(reply.status).to.equal(400);
      expect(reply.body.error.code).to.equal('invalidRequest');
      expect(reply.body.error.message).to.contain('20');
      expect(fake.requests).to.have.length(1);
      expect(fake.requests[0]).to.include({ isBatch: true, innerCount: 21, status: 400 });
    });

    it('refuses duplicate ids and a body without Content-Type with an outer 400', async () => {
      const duplicate = await graph('POST', '/$batch', { requests: [1, 1].map((id) => ({ id: String(id), method: 'GET', url: site() })) });
      expect(duplicate.status).to.equal(400);
      const noContentType = await graph('POST', '/$batch', {
        requests: [{ id: '1', method: 'POST', url: `${listPath}/items`, body: { fields: {} } }],
      });
      expect(noContentType.status).to.equal(400);
    });

    it('answers an inner 400 for a versioned url and still runs the rest', async () => {
      const reply = await graph('POST', '/$batch', {
        requests: [
          { id: 'versioned', method: 'GET', url: `/v1.0${site()}` },
          { id: 'plain', method: 'GET', url: site() },
        ],
      });
      expect(reply.status).to.equal(200);
      const byId = new Map<string, any>(reply.body.responses.map((r: any) => [r.id, r]));
      expect(byId.get('versioned').status).to.equal(400);
      expect(byId.get('versioned').body.error.message).to.contain("segment 'v1.0'");
      expect(byId.get('plain').status).to.equal(200);
      expect(byId.get('plain').body.id).to.equal(fake.siteId);
    });

    it('fails a dependent with 424 when its dependency fails, and does not run it', async () => {
      const item = await createItem({ Title: 'Batch target' });
      await graph('PATCH', `${listPath}/items/${item.id}/fields`, { Title: 'Moved on' });
      const count = fake.items(LIST).length;
      const json = { 'Content-Type': 'application/json' };
      const reply = await graph('POST', '/$batch', {
        requests: [
          {
            id: '1',
            method: 'PATCH',
            url: `${listPath}/items/${item.id}/fields`,
            headers: { ...json, 'If-Match': item.eTag },
            body: { Title: 'Stale' },
          },
          { id: '2', method: 'POST', url: `${listPath}/items`, headers: json, body: { fields: { Title: 'Dependent' } }, dependsOn: ['1'] },
          { id: '3', method: 'POST', url: `${listPath}/items`, headers: json, body: { fields: { Title: 'Second dependent' } }, dependsOn: ['2'] },
        ],
      });
      expect(reply.status).to.equal(200);
      const ids = reply.body.responses.map((r: any) => r.id);
      expect(ids).to.have.members(['1', '2', '3']).and.not.deep.equal(['1', '2', '3']);
      const byId = new Map<string, any>(reply.body.responses.map((r: any) => [r.id, r]));
      expect(byId.get('1').status).to.equal(412);
      expect(byId.get('2').status).to.equal(424);
      expect(byId.get('2').body.error.code).to.equal('failedDependency');
      expect(byId.get('3').status).to.equal(424);
      const titles = fake.items(LIST).map((f) => f.Title);
      expect(titles).to.not.include('Dependent').and.not.include('Second dependent').and.not.include('Stale');
      expect(fake.items(LIST)).to.have.length(count);
    });

    it('runs a fully parallel batch and a serial chain, but refuses a mixture with an outer 400 and runs nothing', async () => {
      const json = { 'Content-Type': 'application/json' };
      const create = (id: string, title: string, dependsOn?: string[]) => ({
        id,
        method: 'POST',
        url: `${listPath}/items`,
        headers: json,
        body: { fields: { Title: title } },
        ...(dependsOn ? { dependsOn } : {}),
      });
      const parallel = await graph('POST', '/$batch', { requests: [create('1', 'Parallel A'), create('2', 'Parallel B')] });
      expect(parallel.status).to.equal(200);
      expect(parallel.body.responses.map((r: any) => r.status)).to.deep.equal([201, 201]);
      const chain = await graph('POST', '/$batch', {
        requests: [create('1', 'Chain A'), create('2', 'Chain B', ['1']), create('3', 'Chain C', ['2'])],
      });
      expect(chain.status).to.equal(200);
      expect(chain.body.responses.map((r: any) => r.status)).to.deep.equal([201, 201, 201]);

      const count = fake.items(LIST).length;
      const mixtures = [
        // Two chains side by side, as an import once sent them.
        [create('1', 'Mixed'), create('2', 'Mixed', ['1']), create('3', 'Mixed'), create('4', 'Mixed', ['3'])],
        // A chain plus an independent request.
        [create('1', 'Mixed'), create('2', 'Mixed', ['1']), create('3', 'Mixed')],
        // A fan-out: two requests depend on the same one.
        [create('1', 'Mixed'), create('2', 'Mixed', ['1']), create('3', 'Mixed', ['1'])],
      ];
      for (const requests of mixtures) {
        const reply = await graph('POST', '/$batch', { requests });
        expect(reply.status, JSON.stringify(requests.map((r) => r.dependsOn))).to.equal(400);
        expect(reply.body.error.message).to.equal('Batch should be either fully sequential or fully parallel.');
      }
      expect(fake.items(LIST)).to.have.length(count);
    });
  });

  describe('nextLinks', () => {
    it('point at the host the client called (a national cloud’s, say), not a fixed one', async () => {
      const byName = fake.baseUrl.replace('127.0.0.1', 'localhost');
      const res = await fetch(`${byName}/v1.0${listPath}/items?$select=id`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      const body = await res.json();
      expect(body['@odata.nextLink']).to.match(new RegExp(`^${byName}/v1\\.0/sites/`));
      const inBatch = await fetch(`${byName}/v1.0/$batch`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ requests: [{ id: '1', method: 'GET', url: `${listPath}/items?$select=id` }] }),
      });
      const inner = (await inBatch.json()).responses[0];
      expect(inner.body['@odata.nextLink']).to.match(new RegExp(`^${byName}/v1\\.0/sites/`));
    });
  });

  describe('query options', () => {
    it('refuses a $ option Graph does not know (a typo is not ignored), over HTTPS and inside a $batch', async () => {
      const typo = await graph('GET', `${listPath}/items?$exapnd=fields`);
      expect(typo.status).to.equal(400);
      expect(typo.body.error.message).to.equal("The query parameter '$exapnd' is not supported.");
      const inBatch = await graph('POST', '/$batch', { requests: [{ id: '1', method: 'GET', url: `${listPath}/items?$frobnicate=1` }] });
      expect(inBatch.status).to.equal(200);
      expect(inBatch.body.responses[0].status).to.equal(400);
      // An option without '$' that is not a system option is a custom option, which OData ignores.
      const custom = await graph('GET', `${listPath}/items?$top=1&planpulse=1`);
      expect(custom.status).to.equal(200);
    });
  });

  describe('indexes', () => {
    it('refuses to index multiple lines of text, multi-value and hyperlink columns, and so to keep them unique; nothing is added', async () => {
      const before = fake.lists()[0]!.columns.length;
      const refused: Array<Record<string, unknown>> = [
        { name: 'LongIndexed', indexed: true, text: { allowMultipleLines: true } },
        { name: 'LongUnique', indexed: true, enforceUniqueValues: true, text: { allowMultipleLines: true } },
        { name: 'TagsIndexed', indexed: true, choice: { choices: ['a', 'b'], displayAs: 'checkBoxes' } },
        { name: 'PeopleIndexed', indexed: true, personOrGroup: { allowMultipleSelection: true } },
        { name: 'LinkIndexed', indexed: true, hyperlinkOrPicture: {} },
      ];
      for (const column of refused) {
        const reply = await graph('POST', `${listPath}/columns`, column);
        expect(reply.status, String(column.name)).to.equal(400);
        expect(reply.body.error.message, String(column.name)).to.contain('cannot be indexed');
      }
      // Nor can an indexed single-line column become multi-line while it keeps its index.
      const single = await graph('POST', `${listPath}/columns`, { name: 'ShortIndexed', indexed: true, text: {} });
      expect(single.status).to.equal(201);
      const widened = await graph('PATCH', `${listPath}/columns/${single.body.id}`, { text: { allowMultipleLines: true } });
      expect(widened.status).to.equal(400);
      const unindexedThenWidened = await graph('PATCH', `${listPath}/columns/${single.body.id}`, {
        indexed: false,
        text: { allowMultipleLines: true },
      });
      expect(unindexedThenWidened.status).to.equal(200);
      expect(fake.lists()[0]!.columns.length).to.equal(before + 1);
    });

    it('keeps at most 20 indexed columns on a list', async () => {
      const created = await graph('POST', `/sites/${fake.siteId}/lists`, {
        displayName: 'Many indexes',
        columns: Array.from({ length: 20 }, (_, i) => ({ name: `Key${i}`, indexed: true, text: {} })),
      });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      const path = `/sites/${fake.siteId}/lists/${created.body.id}`;
      const twentyFirst = await graph('POST', `${path}/columns`, { name: 'Key20', indexed: true, text: {} });
      expect(twentyFirst.status).to.equal(400);
      expect(twentyFirst.body.error.message).to.contain('at most 20 indexed columns');
      const unindexed = await graph('POST', `${path}/columns`, { name: 'Key20', text: {} });
      expect(unindexed.status).to.equal(201);
      const indexLater = await graph('PATCH', `${path}/columns/${unindexed.body.id}`, { indexed: true });
      expect(indexLater.status).to.equal(400);
      const tooManyAtOnce = await graph('POST', `/sites/${fake.siteId}/lists`, {
        displayName: 'Too many indexes',
        columns: Array.from({ length: 21 }, (_, i) => ({ name: `Key${i}`, indexed: true, text: {} })),
      });
      expect(tooManyAtOnce.status).to.equal(400);
      expect(fake.lists().map((l) => l.displayName)).not.to.include('Too many indexes');
    });
  });

  describe('Sites.Selected grants', () => {
    afterEach(() => fake.setSiteRole('fullcontrol'));

    it("with 'write', reads and writes items but gets 403 accessDenied for lists and columns", async () => {
      fake.setSiteRole('write');
      const lists = fake.lists().length;
      const newList = await graph('POST', `/sites/${fake.siteId}/lists`, { displayName: 'Not allowed' });
      expect(newList.status).to.equal(403);
      expect(newList.body.error.code).to.equal('accessDenied');
      const newColumn = await graph('POST', `${listPath}/columns`, { name: 'NotAllowed', text: {} });
      expect(newColumn.status).to.equal(403);
      expect(fake.lists()).to.have.length(lists);
      expect(fake.lists()[0]!.columns.some((c) => c.name === 'NotAllowed')).to.equal(false);
      const item = await createItem({ Title: 'Written with a write grant' });
      expect((await graph('GET', `${listPath}/items/${item.id}`)).status).to.equal(200);
    });

    it("with 'read', reads but gets 403 for any write, inside a $batch too", async () => {
      fake.setSiteRole('read');
      const count = fake.items(LIST).length;
      expect((await graph('GET', `${listPath}/items`)).status).to.equal(200);
      const direct = await graph('POST', `${listPath}/items`, { fields: { Title: 'No' } });
      expect(direct.status).to.equal(403);
      const batched = await graph('POST', '/$batch', {
        requests: [
          { id: '1', method: 'POST', url: `${listPath}/items`, headers: { 'Content-Type': 'application/json' }, body: { fields: { Title: 'No' } } },
        ],
      });
      expect(batched.body.responses[0].status).to.equal(403);
      expect(fake.items(LIST)).to.have.length(count);
    });
  });

  describe('throttling', () => {
    it('answers 429 with Retry-After for the next request, changes nothing, then succeeds', async () => {
      const count = fake.items(LIST).length;
      fake.throttleNext(1, 7);
      const throttled = await graph('POST', `${listPath}/items`, { fields: { Title: 'Throttled' } });
      expect(throttled.status).to.equal(429);
      expect(throttled.headers.get('retry-after')).to.equal('7');
      expect(throttled.body.error.code).to.equal('activityLimitReached');
      expect(fake.items(LIST)).to.have.length(count);
      const retried = await graph('POST', `${listPath}/items`, { fields: { Title: 'Throttled' } });
      expect(retried.status).to.equal(201);
    });

    it('can answer 503 instead', async () => {
      fake.throttleNext(1, 2, 503);
      const reply = await graph('GET', `/sites/${fake.siteId}`);
      expect(reply.status).to.equal(503);
      expect(reply.headers.get('retry-after')).to.equal('2');
      expect(reply.body.error.code).to.equal('serviceNotAvailable');
    });

    it('throttles inner batch requests individually while the outer answer stays 200', async () => {
      fake.resetRequests();
      fake.throttleNext(1, 3);
      const reply = await graph('POST', '/$batch', {
        requests: [
          { id: 'a', method: 'GET', url: `/sites/${fake.siteId}` },
          { id: 'b', method: 'GET', url: `/sites/${fake.siteId}` },
        ],
      });
      expect(reply.status).to.equal(200);
      const byId = new Map<string, any>(reply.body.responses.map((r: any) => [r.id, r]));
      expect(byId.get('a').status).to.equal(429);
      expect(byId.get('a').headers['Retry-After']).to.equal('3');
      expect(byId.get('b').status).to.equal(200);
      expect(fake.requests[0]?.inner?.map((r) => r.status)).to.deep.equal([429, 200]);
      const after = await graph('GET', `/sites/${fake.siteId}`);
      expect(after.status).to.equal(200);
    });

    it('can refuse a whole $batch (outer 429 with Retry-After), running none of its requests', async () => {
      fake.resetRequests();
      const count = fake.items(LIST).length;
      fake.throttleNext(1, 4, 429, '$BATCH');
      const batch = {
        requests: [
          {
            id: '1',
            method: 'POST',
            url: `${listPath}/items`,
            headers: { 'Content-Type': 'application/json' },
            body: { fields: { Title: 'Whole batch' } },
          },
        ],
      };
      const refused = await graph('POST', '/$batch', batch);
      expect(refused.status).to.equal(429);
      expect(refused.headers.get('retry-after')).to.equal('4');
      expect(refused.body.error.code).to.equal('activityLimitReached');
      expect(fake.items(LIST)).to.have.length(count);
      expect(fake.requests[0]?.inner).to.equal(undefined);
      const again = await graph('POST', '/$batch', batch);
      expect(again.status).to.equal(200);
      expect(again.body.responses[0].status).to.equal(201);
    });
  });
});

describe('Graph fake: lists past the list view threshold', () => {
  let fake: GraphFake;
  let listPath: string;

  async function graph(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const init: RequestInit = { method, headers: { Authorization: `Bearer ${TOKEN}`, ...headers } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    }
    const res = await fetch(`${fake.baseUrl}/v1.0${path}`, init);
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
  }

  before(async () => {
    // 3 stands for SharePoint Online's 5,000 (the default), so the test need not write 5,001 items.
    fake = await startGraphFake({ requiredToken: TOKEN, listViewThreshold: 3 });
    const created = await graph('POST', `/sites/${fake.siteId}/lists`, {
      displayName: 'Big',
      columns: [
        { name: 'Key', indexed: true, text: {} },
        { name: 'Owner', text: {} },
      ],
    });
    listPath = `/sites/${fake.siteId}/lists/${created.body.id}`;
  });
  after(() => fake.close());

  it('filters on a column without an index (with Prefer) up to the threshold, then answers 422 notSupported; indexed filters go on working', async () => {
    const byOwner = `${listPath}/items?$filter=fields/Owner eq 'Priya'`;
    for (let n = 1; n <= 3; n++)
      expect((await graph('POST', `${listPath}/items`, { fields: { Key: `k${n}`, Owner: 'Priya' } })).status).to.equal(201);
    const small = await graph('GET', byOwner, undefined, { Prefer: PREFER });
    expect(small.status).to.equal(200);
    expect(small.body.value).to.have.length(3);

    expect((await graph('POST', `${listPath}/items`, { fields: { Key: 'k4', Owner: 'Sam' } })).status).to.equal(201);
    const large = await graph('GET', byOwner, undefined, { Prefer: PREFER });
    expect(large.status).to.equal(422);
    expect(large.body.error).to.include({ code: 'notSupported', message: 'The request is unprocessable because it uses too many resources' });
    expect(large.body.error.innerError.code).to.equal('tooManyResources');
    const withoutPrefer = await graph('GET', byOwner);
    expect(withoutPrefer.status).to.equal(400);

    const byKey = await graph('GET', `${listPath}/items?expand=fields(select=Key)&$filter=fields/Key eq 'k4'`);
    expect(byKey.status).to.equal(200);
    expect(byKey.body.value.map((i: any) => i.fields.Key)).to.deep.equal(['k4']);
  });
});
