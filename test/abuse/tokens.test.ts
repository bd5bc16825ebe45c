// Issue 12: with Bot Framework credentials every activity's token is checked.
// Each forgery is refused with 401 and one log line, and changes nothing;
// key-endpoint trouble is 503 with one line, retried with backoff.
import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../app/config';
import { startApp, type RunningApp } from '../../app/start';
import { importPlan } from '../../core/import/import-plan';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { KeyEndpointBackoff } from '../../bot/token-check';
import { SAMPLE_DIR } from '../contract/plan-store.contract';
import { startBotFrameworkFake, KID, type BotFrameworkFake } from '../fakes/bot-framework';
import { JEN } from '../bot/harness';
import { dbState } from './corpus';

const APP_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

/** A card refresh by someone in the plan: answered in the HTTP reply, with nothing sent out. */
const activity = () => ({
  type: 'invoke',
  name: 'adaptiveCard/action',
  id: 'tok-1',
  channelId: 'msteams',
  serviceUrl: SERVICE_URL,
  from: { id: JEN.teamsId, name: JEN.name, aadObjectId: JEN.aadObjectId },
  recipient: { id: `28:${APP_ID}` },
  conversation: { id: 'a:personal', conversationType: 'personal' },
  value: { action: { type: 'Action.Execute', verb: 'planpulse.refresh', data: {} } },
});

interface TokenCase {
  name: string;
  token: (f: BotFrameworkFake) => string;
}

const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const hour = 3600;
const now = () => Math.floor(Date.now() / 1000);

export const TOKEN_CASES: TokenCase[] = [
  {
    name: 'a token signed with another key under the channel’s key id (forged)',
    token: (f) => f.token({ serviceUrl: SERVICE_URL }, { key: otherKey }),
  },
  { name: 'an expired token', token: (f) => f.token({ serviceUrl: SERVICE_URL, exp: now() - hour, iat: now() - 2 * hour, nbf: now() - 2 * hour }) },
  {
    name: 'a token for another bot (wrong audience)',
    token: (f) => f.token({ serviceUrl: SERVICE_URL, aud: 'ffffffff-0000-4000-8000-000000000000' }),
  },
  { name: 'a token from another issuer', token: (f) => f.token({ serviceUrl: SERVICE_URL, iss: 'https://evil.example' }) },
  {
    name: 'an HS256 token keyed with the published public key, under a known key id',
    token: (f) => f.token({ serviceUrl: SERVICE_URL }, { alg: 'HS256' }),
  },
  { name: 'an alg:none token', token: (f) => f.token({ serviceUrl: SERVICE_URL }, { alg: 'none' }) },
  { name: 'a token naming an unknown key', token: (f) => f.token({ serviceUrl: SERVICE_URL }, { kid: 'no-such-key' }) },
  { name: 'a token for another serviceUrl', token: (f) => f.token({ serviceUrl: 'https://evil.example/' }) },
  { name: 'not a JWT at all', token: () => 'not-a-token' },
  { name: 'a Basic header', token: () => 'x' },
];

describe('abuse: Bot Framework tokens', function () {
  this.timeout(30_000);
  let fake: BotFrameworkFake;
  let app: RunningApp;
  let store: SqlitePlanStore;
  let dir: string;
  const logged: string[] = [];

  before(async () => {
    fake = await startBotFrameworkFake(APP_ID);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-tokens-'));
    store = new SqlitePlanStore(path.join(dir, 'plan.db'));
    await store.provision();
    await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
    const jen = (await store.listLeads()).find((l) => l.displayName === JEN.name)!;
    await store.saveLead({ ...jen, aadObjectId: JEN.aadObjectId });
    const config = loadConfig({
      PORT: '0',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used',
      MicrosoftAppType: 'MultiTenant',
      PLANPULSE_SAMPLE_PLAN: 'none',
    });
    app = await startApp(
      { ...config, bot: { ...config.bot, channelOpenIdMetadataUrl: fake.metadataUrl } },
      { store, schedule: false, log: (l) => logged.push(l) },
    );
  });
  after(async () => {
    await app.close();
    await store.close();
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => (logged.length = 0));

  const post = (authorization: string | undefined, body: object = activity()) =>
    fetch(`http://127.0.0.1:${app.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    });

  it('accepts a token the channel signed (the control)', async () => {
    const res = await post(`Bearer ${fake.token({ serviceUrl: SERVICE_URL })}`);
    expect(res.status, logged.join('\n')).to.equal(200);
    expect((await res.json()).value.type).to.equal('AdaptiveCard');
  });

  for (const c of TOKEN_CASES) {
    it(`refuses ${c.name} with 401 and one log line, changing nothing`, async () => {
      const before = dbState(store);
      const token = c.token(fake);
      const res = await post(c.name === 'a Basic header' ? 'Basic dXNlcjpwYXNz' : `Bearer ${token}`);
      expect(res.status).to.equal(401);
      expect(await res.json()).to.deep.equal({ error: 'Not authenticated' });
      expect(logged).to.have.length(1);
      expect(logged[0]).to.match(/^refused an activity: not authenticated \(/);
      expect(logged[0]).not.to.contain(token.split('.')[2] || token);
      expect(dbState(store)).to.equal(before);
    });
  }

  it('answers 503 with one line while the key endpoint is down, backs off, and recovers', async () => {
    // A fresh app, so no keys are cached yet.
    const down = await startBotFrameworkFake(APP_ID);
    down.down = true;
    const config = loadConfig({
      PORT: '0',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used',
      MicrosoftAppType: 'MultiTenant',
      PLANPULSE_SAMPLE_PLAN: 'none',
    });
    const lines: string[] = [];
    const second = await startApp(
      { ...config, bot: { ...config.bot, channelOpenIdMetadataUrl: down.metadataUrl } },
      { store, schedule: false, log: (l) => lines.push(l) },
    );
    try {
      const send = () =>
        fetch(`http://127.0.0.1:${second.port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${down.token({ serviceUrl: SERVICE_URL })}` },
          body: JSON.stringify(activity()),
        });
      const first = await send();
      expect(first.status).to.equal(503);
      expect(first.headers.get('retry-after')).to.equal('1');
      expect(lines).to.have.length(1);
      expect(lines[0]).to.match(/^cannot fetch the Bot Framework signing keys \(.*answered 503\); answering 503 for 1 s before trying again$/);
      // Within the backoff nobody calls the endpoint again, and nothing more is logged.
      const asked = down.requests.length;
      const again = await send();
      expect(again.status).to.equal(503);
      expect(down.requests.length).to.equal(asked);
      expect(lines).to.have.length(1);
      // Once it is back and the wait is over, the next request goes through.
      down.down = false;
      await new Promise((r) => setTimeout(r, 1100));
      const ok = await send();
      expect(ok.status).to.equal(200);
      expect(lines.at(-1)).to.equal('the Bot Framework signing keys can be fetched again');
    } finally {
      await second.close();
      await down.close();
    }
  });

  it('answers 503 when the key endpoint cannot be reached at all', async () => {
    const gone = await startBotFrameworkFake(APP_ID);
    const url = gone.metadataUrl;
    const token = gone.token({ serviceUrl: SERVICE_URL });
    await gone.close();
    const config = loadConfig({
      PORT: '0',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used',
      MicrosoftAppType: 'MultiTenant',
      PLANPULSE_SAMPLE_PLAN: 'none',
    });
    const lines: string[] = [];
    const third = await startApp(
      { ...config, bot: { ...config.bot, channelOpenIdMetadataUrl: url } },
      { store, schedule: false, log: (l) => lines.push(l) },
    );
    try {
      const res = await fetch(`http://127.0.0.1:${third.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(activity()),
      });
      expect(res.status).to.equal(503);
      expect(lines).to.have.length(1);
      expect(lines[0]).to.match(/^cannot fetch the Bot Framework signing keys \(.*unreachable/);
    } finally {
      await third.close();
    }
  });

  it('the backoff doubles up to a minute and resets on success', () => {
    let t = 0;
    const b = new KeyEndpointBackoff(() => t);
    expect([b.failed(), b.failed(), b.failed()]).to.deep.equal([1, 2, 4]);
    for (let i = 0; i < 10; i++) b.failed();
    expect(b.failed()).to.equal(60);
    expect(b.waitSeconds()).to.equal(60);
    t += 60_000;
    expect(b.waitSeconds()).to.equal(0);
    expect(b.succeeded()).to.equal(true);
    expect(b.failed()).to.equal(1);
  });

  it('uses the test key id', () => expect(KID).to.be.a('string'));
});
