// Issue 12, "settings that cannot be unsafe", and issue 11's "configuration
// validated once, with one clear line per bad setting".
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, unauthenticatedListenProblem } from '../../app/config';
import { startApp } from '../../app/start';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';

describe('settings that cannot be unsafe', () => {
  it('refuses to start unauthenticated on a non-loopback address, with one line saying why, before opening anything', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-host-'));
    try {
      for (const host of ['0.0.0.0', '::', '192.168.1.20', 'planpulse.example']) {
        const config = loadConfig({ HOST: host, PORT: '0', PLANPULSE_DB: path.join(dir, 'plan.db') });
        let error: unknown;
        await startApp(config, { schedule: false, log: () => undefined }).then(
          (app) => app.close(),
          (e) => (error = e),
        );
        expect(error, host).to.be.instanceOf(ConfigError);
        const message = (error as Error).message;
        expect(message.split('\n'), host).to.have.length(1);
        expect(message).to.equal(
          `PlanPulse cannot start: HOST=${host} needs Bot Framework credentials (MicrosoftAppId and MicrosoftAppPassword): without them anyone who can reach this address could act as any lead. Set them, or use HOST=127.0.0.1 for local use.`,
        );
        // Refused before the store was opened: no database file.
        expect(fs.existsSync(path.join(dir, 'plan.db'))).to.equal(false);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('`planpulse serve` with HOST=0.0.0.0 and no credentials exits 2 with that one line, creating nothing', function () {
    this.timeout(30_000);
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-serve-host-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, HOST: '0.0.0.0', PORT: '0', PLANPULSE_DB: path.join(dir, 'db', 'plan.db') };
      delete env.MicrosoftAppId;
      const r = spawnSync(process.execPath, [path.resolve(__dirname, '../../bin/planpulse.cjs'), 'serve'], {
        cwd: dir,
        env,
        encoding: 'utf8',
        timeout: 25_000,
      });
      expect(r.status).to.equal(2);
      expect(r.stderr.trim().split('\n')).to.deep.equal([
        'PlanPulse cannot start: HOST=0.0.0.0 needs Bot Framework credentials (MicrosoftAppId and MicrosoftAppPassword): without them anyone who can reach this address could act as any lead. Set them, or use HOST=127.0.0.1 for local use.',
      ]);
      expect(fs.readdirSync(dir)).to.deep.equal([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts unauthenticated on loopback, and on any address with credentials', async () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) {
      expect(unauthenticatedListenProblem({ host, bot: { appId: '', appPassword: '', appTenantId: '', appType: 'MultiTenant' } }), host).to.equal(
        undefined,
      );
    }
    expect(
      unauthenticatedListenProblem({ host: '0.0.0.0', bot: { appId: 'id', appPassword: 'pw', appTenantId: '', appType: 'MultiTenant' } }),
    ).to.equal(undefined);
    const store = new SqlitePlanStore(':memory:');
    const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', PLANPULSE_SAMPLE_PLAN: 'none' });
    const app = await startApp(config, { store, schedule: false, log: () => undefined });
    await app.close();
    await store.close();
  });
});

describe('configuration problems: one line per bad setting', () => {
  it('lists every bad setting on its own line, naming it', () => {
    let error: Error | undefined;
    try {
      loadConfig({
        PLANPULSE_STORE: 'sharepoint',
        PORT: 'eighty',
        NUDGE_SCHEDULE: 'someday',
        NUDGE_STALE_DAYS: '0',
        PLANPULSE_INSTANCES: '-1',
        PLANPULSE_LOG: 'loud',
        MicrosoftAppId: 'app',
        MicrosoftAppType: 'SingleTenant',
        AZURE_CLIENT_CERTIFICATE_PATH: '/no/such/cert.pem',
        GRAPH_BASE_URL: 'http://graph.example',
      });
    } catch (e) {
      error = e as Error;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const [head, ...lines] = error!.message.split('\n');
    expect(head).to.equal('PlanPulse cannot start:');
    const named = [
      'AZURE_TENANT_ID',
      'AZURE_CLIENT_ID',
      'SHAREPOINT_SITE',
      'AZURE_CLIENT_CERTIFICATE_PATH names',
      'GRAPH_BASE_URL',
      'NUDGE_SCHEDULE',
      'PORT',
      'NUDGE_STALE_DAYS',
      'PLANPULSE_INSTANCES',
      'PLANPULSE_LOG',
      'MicrosoftAppTenantId',
      'MicrosoftAppPassword',
    ];
    for (const name of named)
      expect(
        lines.filter((l) => l.includes(name)),
        name,
      ).to.have.length.greaterThan(0);
    // One line each: no setting is reported twice and no line names two of these problems.
    expect(lines).to.have.length(named.length);
    for (const line of lines) expect(line).to.match(/^- \S/);
  });

  it('a certificate instead of a secret is enough for Graph', () => {
    const cert = path.resolve(__dirname, '../fixtures/tls/cert.pem');
    const config = loadConfig({
      PLANPULSE_STORE: 'sharepoint',
      AZURE_TENANT_ID: 't',
      AZURE_CLIENT_ID: 'c',
      AZURE_CLIENT_CERTIFICATE_PATH: cert,
      SHAREPOINT_SITE: 's',
    });
    expect(config.graph!.clientCertificatePath).to.equal(cert);
    expect(config.graph!.clientSecret).to.equal('');
    expect(() => loadConfig({ PLANPULSE_STORE: 'sharepoint', AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', SHAREPOINT_SITE: 's' })).to.throw(
      ConfigError,
      'AZURE_CLIENT_CERTIFICATE_PATH or AZURE_CLIENT_SECRET is required when PLANPULSE_STORE=sharepoint',
    );
  });
});
