// The tab's SSO over HTTP: tokens signed by a local fake Entra authority,
// refused for every way a token can be wrong, accepted when right (v2 and v1).
import { expect } from 'chai';
import { base64url, SignJWT } from 'jose';
import { Identifier } from '../../tab/server/api/identify';
import { startFakeAuthority, type FakeAuthority } from '../fakes/tab-sso';
import { AAD, startTabHarness, type TabHarness } from './harness';

describe('tab SSO', function () {
  this.timeout(60_000);
  let sso: FakeAuthority;
  let h: TabHarness;
  const now = () => Math.floor(Date.now() / 1000);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const session = (token: string) => h.call('GET', '/api/tab/session', bearer(token));

  before(async () => {
    sso = await startFakeAuthority();
    h = await startTabHarness('sqlite', {
      env: {
        ...sso.settings(),
      },
    });
  });
  after(async () => {
    await h?.close();
    await sso?.close();
  });

  it('accepts a good v2 token and names the person by its oid', async () => {
    const r = await session(await sso.signToken({ oid: AAD.sally, name: 'Sally R' }));
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect(r.body.mode).to.equal('teams');
    expect(r.body.person).to.include({ key: 'sally-richardson', name: 'Sally Richardson' });
  });

  it('accepts a v1 token (sts.windows.net issuer, app id URI audience)', async () => {
    const r = await session(await sso.signToken({ oid: AAD.jen, iss: `https://sts.windows.net/${sso.tenantId}/`, aud: sso.appIdUri, ver: '1.0' }));
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect(r.body.person.key).to.equal('jennifer-ashton');
  });

  it('allows five minutes of clock skew', async () => {
    const r = await session(await sso.signToken({ oid: AAD.sally, exp: now() - 120, nbf: now() + 120 }));
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
  });

  const refusals: Array<[string, () => Promise<string>, RegExp]> = [
    ['missing', async () => '', /open PlanPulse in Microsoft Teams/],
    ['expired', () => sso.signToken({ oid: AAD.sally, exp: now() - 600, iat: now() - 4000, nbf: now() - 4000 }), /has expired/],
    ['not yet valid', () => sso.signToken({ oid: AAD.sally, nbf: now() + 600 }), /not valid yet/],
    [
      'wrongly signed',
      () => sso.signToken({ oid: AAD.sally }, { untrustedKey: true }),
      /signature does not verify|key the authority does not publish/,
    ],
    ['from the wrong issuer', () => sso.signToken({ oid: AAD.sally, iss: 'https://evil.example/v2.0' }), /iss is not accepted/],
    ['for the wrong audience', () => sso.signToken({ oid: AAD.sally, aud: '00000003-0000-0000-c000-000000000000' }), /aud is not accepted/],
    [
      'for the wrong tenant',
      () =>
        sso.signToken({
          oid: AAD.sally,
          tid: '99999999-0000-4000-8000-000000000000',
          iss: `${sso.authorityHost}/99999999-0000-4000-8000-000000000000/v2.0`,
        }),
      /iss is not accepted/,
    ],
    ['for the right issuer but another tid', () => sso.signToken({ oid: AAD.sally, tid: '99999999-0000-4000-8000-000000000000' }), /another tenant/],
    ['without the access_as_user scope', () => sso.signToken({ oid: AAD.sally, scp: 'User.Read' }), /access_as_user/],
    ['without an expiry', () => sso.signToken({ oid: AAD.sally }, { omit: ['exp'] }), /exp/],
    [
      'signed HS256',
      () =>
        new SignJWT({ oid: AAD.sally, tid: sso.tenantId, scp: 'access_as_user' })
          .setProtectedHeader({ alg: 'HS256', kid: 'planpulse-test-key' })
          .setIssuer(`${sso.authorityHost}/${sso.tenantId}/v2.0`)
          .setAudience(sso.clientId)
          .setIssuedAt()
          .setNotBefore(now() - 60)
          .setExpirationTime(now() + 3600)
          .sign(new TextEncoder().encode('a-shared-secret-that-is-long-enough-for-hs256')),
      /not signed with RS256/,
    ],
    [
      'with alg none',
      async () => {
        const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
        const body = base64url.encode(
          JSON.stringify({
            oid: AAD.sally,
            tid: sso.tenantId,
            scp: 'access_as_user',
            iss: `${sso.authorityHost}/${sso.tenantId}/v2.0`,
            aud: sso.clientId,
            nbf: now() - 60,
            exp: now() + 3600,
          }),
        );
        return `${header}.${body}.`;
      },
      /not signed with RS256|not a signed JWT/,
    ],
    ['that is not a JWT', async () => 'not-a-token', /not a signed JWT/],
  ];
  for (const [what, make, why] of refusals) {
    it(`refuses a token ${what} with 401 and no data`, async () => {
      const r = await session(await make());
      expect(r.status, JSON.stringify(r.body)).to.equal(401);
      expect(r.body).to.have.keys('error');
      expect(r.body.error).to.match(why);
      const group = await h.call('GET', '/api/tab/groups/improving-outcomes', bearer(await make()));
      expect(group.status).to.equal(401);
      expect(group.body).to.have.keys('error');
    });
  }

  it('answers 403 to a good token for someone the plan does not know', async () => {
    const r = await session(await sso.signToken({ oid: 'bbbbbbbb-0000-4000-8000-000000000099' }));
    expect(r.status).to.equal(403);
    expect(r.body).to.have.keys('error');
  });

  it('refuses local sign-in once SSO is configured, and hides the people list', async () => {
    expect((await h.call('GET', '/api/tab/session', 'sally-richardson')).status).to.equal(401);
    expect((await h.call('GET', '/api/tab/local/people', { authorization: '' })).status).to.equal(404);
  });

  it('reads the metadata and keys once, not per request', async () => {
    const fetched = sso.requests.filter((p) => p.endsWith('/keys')).length;
    await session(await sso.signToken({ oid: AAD.sally }));
    await session(await sso.signToken({ oid: AAD.jen }));
    expect(sso.requests.filter((p) => p.endsWith('/keys')).length).to.equal(fetched);
    expect(sso.requests.filter((p) => p.endsWith('openid-configuration')).length).to.equal(1);
  });
});

describe('tab local sign-in', () => {
  const req = (localAddress: string) => ({ socket: { localAddress, remoteAddress: '127.0.0.1' }, headers: { host: '127.0.0.1:3978' } }) as never;
  it('is allowed only without SSO settings, on a loopback listener, for a loopback request', () => {
    expect(new Identifier(undefined, '127.0.0.1', false).localAllowed(req('127.0.0.1'))).to.equal(true);
    expect(new Identifier(undefined, '0.0.0.0', false).localAllowed(req('127.0.0.1'))).to.equal(false);
    expect(new Identifier(undefined, '127.0.0.1', false).localAllowed(req('10.0.0.5'))).to.equal(false);
    const sso = { authorityHost: 'https://login.microsoftonline.com', tenantId: 't', clientId: 'c', appIdUri: 'api://x/c' };
    expect(new Identifier(sso, '127.0.0.1', false).localAllowed(req('127.0.0.1'))).to.equal(false);
  });
});
