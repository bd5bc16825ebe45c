// Drill: authenticated mode end to end. The bot runs with an app id; the test
// plays the Bot Framework channel: it serves OpenID metadata and signing keys
// (endorsed for msteams) and signs each activity's token. A signed card tap
// is accepted and saved; a token signed by a key nobody serves, or for another
// app, is refused with 401 and changes nothing.
import { expect } from 'chai';
import { AuthenticationConstants } from 'botframework-connector';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../app/config';
import { startApp, type RunningApp } from '../../app/start';
import { VERBS } from '../../bot/cards/verbs';
import { importPlan } from '../../core/import/import-plan';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { SAMPLE_DIR } from '../contract/plan-store.contract';
import { JEN } from '../bot/harness';

const APP_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const SERVICE_URL = 'http://127.0.0.1:9/';

describe('drill: authenticated mode end to end', function () {
  this.timeout(30_000);
  let keys: http.Server;
  let app: RunningApp;
  let store: SqlitePlanStore;
  let sign: (claims: Record<string, unknown>, key?: 'served' | 'stranger') => Promise<string>;
  const saved = { metadata: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl };

  before(async () => {
    const served = await generateKeyPair('RS256');
    const stranger = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(served.publicKey)), kid: 'drill-key', use: 'sig', endorsements: ['msteams'] };
    keys = http.createServer((req, res) => {
      const base = `http://127.0.0.1:${(keys.address() as AddressInfo).port}`;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/metadata')
        return res.end(
          JSON.stringify({
            issuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
            jwks_uri: `${base}/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
      if (req.url === '/keys') return res.end(JSON.stringify({ keys: [jwk] }));
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((r) => keys.listen(0, '127.0.0.1', r));
    // The public cloud's channel metadata, pointed at ours for this test.
    (AuthenticationConstants as { ToBotFromChannelOpenIdMetadataUrl: string }).ToBotFromChannelOpenIdMetadataUrl =
      `http://127.0.0.1:${(keys.address() as AddressInfo).port}/metadata`;
    sign = (claims, key = 'served') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'drill-key', typ: 'JWT' })
        .setIssuer(AuthenticationConstants.ToBotFromChannelTokenIssuer)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key === 'served' ? served.privateKey : stranger.privateKey);

    store = new SqlitePlanStore(':memory:');
    await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
    const lead = (await store.listLeads()).find((l) => l.displayName === JEN.name)!;
    await store.saveLead({ ...lead, aadObjectId: JEN.aadObjectId });
    const config = loadConfig({
      PORT: '0',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used-for-invokes',
      MicrosoftAppType: 'MultiTenant',
      PLANPULSE_SAMPLE_PLAN: 'no-such-dir',
    });
    app = await startApp(config, { store, schedule: false, log: () => undefined });
  });

  after(async () => {
    (AuthenticationConstants as { ToBotFromChannelOpenIdMetadataUrl: string }).ToBotFromChannelOpenIdMetadataUrl = saved.metadata;
    await app?.close();
    await store?.close();
    await new Promise((r) => keys.close(r));
  });

  const tap = async (token: string, commentary: string) => {
    const etag = (await store.getAction('1.1.3'))!.etag;
    const activity = {
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: `incoming-${commentary}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: SERVICE_URL,
      from: { id: JEN.teamsId, name: JEN.name, aadObjectId: JEN.aadObjectId },
      recipient: { id: `28:${APP_ID}`, name: 'PlanPulse' },
      conversation: { id: 'a:personal-jen', conversationType: 'personal', tenantId: 'tenant' },
      channelData: { tenant: { id: 'tenant' } },
      replyToId: 'activity-1',
      value: {
        action: {
          type: 'Action.Execute',
          verb: VERBS.saveUpdate,
          data: { ref: '1.1.3', etag, rag: 'Amber', commentary, newDueDate: '', completionEvidence: '' },
        },
        trigger: 'manual',
      },
    };
    return fetch(`http://127.0.0.1:${app.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(activity),
    });
  };

  it('accepts a card tap with a token the channel signed, and saves it', async () => {
    const res = await tap(await sign({ aud: APP_ID, serviceurl: SERVICE_URL }), 'Signed and saved');
    expect(res.status, await res.clone().text()).to.equal(200);
    expect((await store.getAction('1.1.3'))!.value.commentary).to.equal('Signed and saved');
    const history = await store.actionHistory('1.1.3');
    expect(history).to.have.length(1);
    expect(history[0].by).to.equal((await store.findLeadByAadObjectId(JEN.aadObjectId))!.key);
  });

  it('refuses a token signed by a key the channel does not serve, or made for another app, and changes nothing', async () => {
    const before = (await store.getAction('1.1.3'))!;
    const forged = await tap(await sign({ aud: APP_ID, serviceurl: SERVICE_URL }, 'stranger'), 'Forged');
    expect(forged.status).to.equal(401);
    const elsewhere = await tap(await sign({ aud: 'another-app', serviceurl: SERVICE_URL }), 'For another app');
    expect(elsewhere.status).to.equal(401);
    expect((await store.getAction('1.1.3'))!).to.deep.equal(before);
    expect(await store.actionHistory('1.1.3')).to.have.length(1);
  });
});
