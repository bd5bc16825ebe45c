// Issue 12, "refuse before reading": every /api/ route takes capped, plain
// JSON only, refused from the headers before any of the body is parsed or
// written anywhere. Run against the bot's /api/messages; the tab's routes
// join by running HTTP_CASES against theirs.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import restify from '../../app/restify';
import type Restify from 'restify';
import type { AddressInfo } from 'node:net';
import { apiGuard } from '../../app/http-guard';
import type { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { startHarness, type Harness } from '../bot/harness';
import { dbState, HTTP_CASES, paddedJson, runHttpCase, MAX_BODY } from './corpus';

describe('abuse: request bodies on /api/messages', function () {
  this.timeout(30_000);
  let h: Harness;
  let tmp: string;
  let savedTmp: string | undefined;
  before(async () => (h = await startHarness()));
  after(async () => h.close());
  // restify's bodyParser wrote multipart uploads to os.tmpdir(): point it at an empty folder to see if anything lands there.
  beforeEach(() => {
    savedTmp = process.env.TMPDIR;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-abuse-tmp-'));
    process.env.TMPDIR = tmp;
  });
  afterEach(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const c of HTTP_CASES) {
    it(`refuses ${c.name} with ${c.status}${c.withinMs ? ` in under ${c.withinMs} ms` : ''}, changing nothing`, async () => {
      const base = `http://127.0.0.1:${h.app.port}`;
      // One warm-up request, so the timing measures the refusal and not the first connection.
      await fetch(`${base}/healthz`);
      const before = dbState(h.store as SqlitePlanStore);
      const result = await runHttpCase(base, '/api/messages', c);
      expect(result.status, result.body).to.equal(c.status);
      if (c.withinMs) expect(result.ms).to.be.below(c.withinMs);
      expect(JSON.parse(result.body).error.message).to.be.a('string');
      expect(fs.readdirSync(tmp)).to.deep.equal([]);
      expect(dbState(h.store as SqlitePlanStore)).to.equal(before);
      expect(h.connector.sent).to.have.length(0);
    });
  }

  it('still reads a body of exactly 256 KB', async () => {
    const res = await fetch(`http://127.0.0.1:${h.app.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: paddedJson(MAX_BODY).toString('utf8'),
    });
    // Read and judged as an activity (no conversation): not refused for its size.
    expect(res.status).to.equal(400);
    expect((await res.json()).error).to.equal('The activity has no conversation id.');
  });
});

describe('the /api/ guard on its own', () => {
  let server: Restify.Server;
  let base: string;
  const logged: string[] = [];
  before(async () => {
    server = restify.createServer();
    server.pre(apiGuard({ maxBytes: 1024, bodyTimeoutMs: 300, log: (l) => logged.push(l) }));
    server.get('/api/tab/ping', (_req, res, next) => {
      res.send(200, { ok: true });
      next();
    });
    server.post('/api/tab/echo', (req, res, next) => {
      res.send(200, { body: req.body ?? null });
      next();
    });
    server.post('/other/echo', (req, res, next) => {
      res.send(200, { body: req.body ?? null });
      next();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('lets a GET with no body through', async () => {
    const res = await fetch(`${base}/api/tab/ping`);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ ok: true });
  });

  it('hands a route its JSON parsed as req.body', async () => {
    const res = await fetch(`${base}/api/tab/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"ref":"1.1.3","n":2}',
    });
    expect(await res.json()).to.deep.equal({ body: { ref: '1.1.3', n: 2 } });
  });

  it('applies to every /api/ route with the route’s own cap, and to no other path', async () => {
    for (const c of HTTP_CASES.filter((x) => x.status === 415)) {
      const r = await runHttpCase(base, '/api/tab/echo', c);
      expect(r.status, c.name).to.equal(415);
    }
    const big = await fetch(`${base}/api/tab/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ t: 'x'.repeat(1100) }),
    });
    expect(big.status).to.equal(413);
    // Outside /api/ restify reads nothing at all.
    const other = await fetch(`${base}/other/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(await other.json()).to.deep.equal({ body: null });
  });

  it('refuses a body that is sent too slowly', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${base}/api/tab/echo`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '100' } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.write('{"a":'); // and then nothing more
    });
    expect(status).to.equal(408);
  });

  it('writes one line per refusal', () => {
    expect(logged.length).to.be.greaterThan(0);
    for (const line of logged) expect(line).to.match(/^refused (POST|GET) \/api\/tab\/echo: \d{3} \w+$/);
  });
});
