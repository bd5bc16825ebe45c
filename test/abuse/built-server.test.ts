// The production build (dist/planpulse.cjs, what `npm start` and App Service
// run) keeps every refusal the TypeScript server makes: no unauthenticated
// start off loopback, no hostile TAB_HOST_ORIGINS, the body limits and types
// at the door, local sign-in only loopback to loopback, the tab's CSP and
// nosniff, and the removal page carrying nothing of the plan.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { build, SERVER_OUT } from '../../app/build';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { FRAME_ANCESTORS } from '../../tab/server/static';
import { dbState, HTTP_CASES, runHttpCase } from './corpus';

interface Run {
  url?: string;
  code: number | null;
  output: string;
  stop(): Promise<void>;
}

/** Starts the built server with `env`; resolves once it listens, or once it exits. */
function serve(dir: string, env: Record<string, string>): Promise<Run> {
  const child = spawn(process.execPath, [SERVER_OUT, 'serve'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', PLANPULSE_DB: path.join(dir, 'plan.db'), PORT: '0', PLANPULSE_LOG: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve) => {
    const seen = () => {
      const m = /running at (http:\/\/[\d.]+:\d+)/.exec(output);
      if (m) resolve({ url: m[1], code: null, output, stop });
    };
    child.stdout.on('data', (c) => ((output += c), seen()));
    child.stderr.on('data', (c) => (output += c));
    void exited.then((code) => resolve({ code, output, stop }));
  });
}

describe('abuse: the production build keeps every refusal', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    await build();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-built-abuse-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const [what, env, said] of [
    ['no bot credentials on 0.0.0.0', { HOST: '0.0.0.0' }, /HOST/],
    ['no bot credentials on a LAN address', { HOST: '192.168.1.20' }, /HOST/],
    ['TAB_HOST_ORIGINS that would end the CSP directive', { HOST: '127.0.0.1', TAB_HOST_ORIGINS: 'https://x;sandbox' }, /TAB_HOST_ORIGINS/],
    ['TAB_HOST_ORIGINS with a quote in the host', { HOST: '127.0.0.1', TAB_HOST_ORIGINS: "https://a'b.example" }, /TAB_HOST_ORIGINS/],
    ['TAB_HOST_ORIGINS over plain http off this machine', { HOST: '127.0.0.1', TAB_HOST_ORIGINS: 'http://127.0.0.1.nip.io' }, /must be https/],
  ] as const) {
    it(`refuses to start: ${what}`, async () => {
      const run = await serve(dir, env);
      await run.stop();
      expect(run.url, run.output).to.equal(undefined);
      expect(run.code).to.equal(2);
      expect(run.output).to.match(said);
    });
  }

  describe('running on the embedded default with a test host origin', () => {
    let run: Run;
    let url: string;
    let store: SqlitePlanStore;
    before(async () => {
      run = await serve(dir, { HOST: '127.0.0.1', TAB_HOST_ORIGINS: 'http://127.0.0.1:4010' });
      expect(run.url, run.output).to.be.a('string');
      url = run.url!;
      store = new SqlitePlanStore(path.join(dir, 'plan.db'));
    });
    after(async () => {
      await store?.close();
      await run?.stop();
    });

    it('serves the page and its script with the CSP (Teams, Microsoft 365 and the named host only) and nosniff', async () => {
      for (const p of ['/tab/', '/tab/?view=remove', '/tab/app.js']) {
        const res = await fetch(`${url}${p}`);
        expect(res.status, p).to.equal(200);
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp).to.include("script-src 'self'").and.include("object-src 'none'").and.include("base-uri 'none'");
        expect(/frame-ancestors ([^;]*)$/.exec(csp)?.[1].split(' ')).to.deep.equal([...FRAME_ANCESTORS, 'http://127.0.0.1:4010']);
        expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
      }
    });

    it('the removal page needs no sign-in and carries nothing of the plan', async () => {
      const html = await (await fetch(`${url}/tab/?view=remove`)).text();
      const plan = await store.loadPlan();
      for (const a of plan.actions.slice(0, 20)) expect(html).not.to.include(a.value.text.slice(0, 30));
      for (const l of plan.leads) expect(html).not.to.include(l.displayName);
      expect(html).to.equal(await (await fetch(`${url}/tab/`)).text());
    });

    for (const c of HTTP_CASES) {
      it(`${c.name} → ${c.status} on the tab's update and the bot's route, nothing changed`, async () => {
        const before = dbState(store);
        for (const route of ['/api/tab/actions/1.1.3/update', '/api/messages']) {
          const r = await runHttpCase(url, route, c);
          expect(r.status, `${route}: ${r.body.slice(0, 200)}`).to.equal(c.status);
        }
        expect(dbState(store)).to.equal(before);
      });
    }

    /** GET /api/tab/session as Jennifer Ashton by local sign-in, with `headers`; node:http, since fetch will not send a Host of the caller's choosing. */
    const session = (headers: Record<string, string>) =>
      new Promise<{ status?: number; body: string }>((resolve, reject) => {
        const req = http.get(`${url}/api/tab/session`, { headers: { authorization: 'Local jennifer-ashton', ...headers } }, (r) => {
          let body = '';
          r.on('data', (c) => (body += c));
          r.on('end', () => resolve({ status: r.statusCode, body }));
        });
        req.on('error', reject);
      });

    it('accepts local sign-in loopback to loopback (so the refusals below are refusals)', async () => {
      expect((await session({})).status).to.equal(200);
    });

    for (const [what, headers] of [
      ['a Host that is not this machine', { host: 'planpulse.example' }],
      ['a proxy header', { 'x-forwarded-for': '203.0.113.9' }],
      ['an Origin that is not this machine', { origin: 'https://evil.example' }],
      ['a Host of 127.0.0.1 under another name', { host: '127.0.0.1.nip.io' }],
    ] as const) {
      it(`refuses local sign-in with ${what}`, async () => {
        const res = await session(headers);
        expect(res.status).to.equal(401);
        expect(res.body).not.to.include('Jennifer');
      });
    }
  });
});
