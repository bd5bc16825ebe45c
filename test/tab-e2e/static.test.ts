// The page's serving, without a browser: one HTML shell with no inline script,
// the script gzipped under 200 kB with an ETag, and a Content-Security-Policy
// that lets only this origin and the Teams / Microsoft 365 hosts frame it.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { startApp, type RunningApp } from '../../app/start';
import { loadConfig } from '../../app/config';

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('tab page serving (/tab/)', function () {
  this.timeout(60_000);
  let app: RunningApp;
  let dir: string;
  let base: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-tab-static-'));
    app = await startApp(
      loadConfig({ PLANPULSE_DB: path.join(dir, 'plan.db'), PORT: '0', HOST: '127.0.0.1', PLANPULSE_SAMPLE_PLAN: path.join(dir, 'none') }),
      { schedule: false, log: () => undefined },
    );
    base = `http://127.0.0.1:${app.port}`;
  });
  after(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the shell at /tab/ with a CSP that allows Teams hosts to frame it and no inline script', async () => {
    for (const p of ['/tab/', '/tab', '/tab/index.html', '/tab/?view=group&group=improving-outcomes']) {
      const r = await get(`${base}${p}`);
      expect(r.status, p).to.equal(200);
      expect(r.headers['content-type']).to.match(/^text\/html/);
      const html = r.body.toString('utf8');
      expect(html).to.contain('<html lang="en-GB">');
      // Every script has a src: nothing inline for the CSP to block.
      expect(html.match(/<script\b[^>]*>/g)!.every((tag) => /\bsrc="\/tab\/app\.js/.test(tag))).to.equal(true);
      const csp = String(r.headers['content-security-policy']);
      const directive = (name: string) =>
        csp
          .split(';')
          .map((d) => d.trim())
          .find((d) => d.startsWith(`${name} `)) ?? '';
      expect(directive('script-src')).to.equal("script-src 'self'");
      const ancestors = directive('frame-ancestors').split(' ');
      for (const h of [
        "'self'",
        'https://teams.microsoft.com',
        'https://*.teams.microsoft.com',
        'https://*.cloud.microsoft',
        'https://outlook.office.com',
        'https://*.office.com',
        'https://teams.microsoft.us',
      ]) {
        expect(ancestors, h).to.include(h);
      }
      expect(ancestors).to.not.include('*');
    }
  });

  it('serves the script gzipped under 200 kB, with an ETag that answers 304', async () => {
    const r = await get(`${base}/tab/app.js`, { 'Accept-Encoding': 'gzip' });
    expect(r.status).to.equal(200);
    expect(r.headers['content-encoding']).to.equal('gzip');
    expect(r.headers['content-type']).to.match(/^text\/javascript/);
    expect(r.body.length).to.be.below(200 * 1024);
    const plain = await get(`${base}/tab/app.js`);
    expect(plain.headers['content-encoding']).to.equal(undefined);
    expect(plain.body.length).to.be.greaterThan(r.body.length);
    const again = await get(`${base}/tab/app.js`, { 'If-None-Match': String(r.headers.etag) });
    expect(again.status).to.equal(304);
  });
});

describe('the app run only to send (planpulse nudge)', function () {
  this.timeout(60_000);
  it('serves no tab page, so a nudge from the command line bundles none', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-tab-none-'));
    const app = await startApp(
      loadConfig({ PLANPULSE_DB: path.join(dir, 'plan.db'), PORT: '0', HOST: '127.0.0.1', PLANPULSE_SAMPLE_PLAN: path.join(dir, 'none') }),
      { schedule: false, tabPage: false, log: () => undefined },
    );
    try {
      expect((await get(`http://127.0.0.1:${app.port}/tab/`)).status).to.equal(404);
      expect((await get(`http://127.0.0.1:${app.port}/healthz`)).status).to.equal(200);
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
