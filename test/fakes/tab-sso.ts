// A fake Entra authority for the tab's SSO over HTTPS (the test certificate,
// trusted by test/run.cjs): the tenant's v2 OpenID metadata and its JWKS. It
// signs tokens the way Entra does for Teams' getAuthToken(), so server tests
// and the browser tests' fake Teams host can both hand the tab a good token.
//
//   const sso = await startFakeAuthority();
//   env: sso.settings()  (ENTRA_AUTHORITY_HOST, TAB_SSO_TENANT_ID, TAB_SSO_CLIENT_ID, TAB_SSO_APP_ID_URI)
//   const token = await sso.signToken({ oid: lead.aadObjectId, name: 'Sally Richardson' });
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

export interface FakeAuthority {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  appIdUri: string;
  /** The server's Teams sign-in settings pointing at this authority (one may be overridden, e.g. another tenant). */
  settings(over?: Record<string, string>): Record<string, string>;
  /** A good v2 access token for the tab, with these claims over the defaults (oid is needed). */
  signToken(claims?: JWTPayload, opts?: SignOptions): Promise<string>;
  /** How many times the metadata and keys were fetched. */
  requests: string[];
  close(): Promise<void>;
}

export interface SignOptions {
  /** Sign with a key the authority does not publish. */
  untrustedKey?: boolean;
  /** Leave out these claims. */
  omit?: string[];
}

const TLS = path.resolve(__dirname, '../fixtures/tls');

export async function startFakeAuthority(o: { tenantId?: string; clientId?: string } = {}): Promise<FakeAuthority> {
  const tenantId = o.tenantId ?? '11111111-2222-4333-8444-555555555555';
  const clientId = o.clientId ?? '99999999-8888-4777-8666-555555555555';
  const kid = 'planpulse-test-key';
  const good = await generateKeyPair('RS256', { extractable: true });
  const other = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(good.publicKey)), kid, use: 'sig', alg: 'RS256' };
  const requests: string[] = [];
  let base = '';
  const server = https.createServer(
    { cert: fs.readFileSync(path.join(TLS, 'cert.pem')), key: fs.readFileSync(path.join(TLS, 'key.pem')) },
    (req, res) => {
      const at = new URL(req.url ?? '/', base).pathname;
      requests.push(at);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (at === `/${tenantId}/v2.0/.well-known/openid-configuration`) {
        return send(200, {
          issuer: `${base}/${tenantId}/v2.0`,
          jwks_uri: `${base}/${tenantId}/discovery/v2.0/keys`,
          authorization_endpoint: `${base}/${tenantId}/oauth2/v2.0/authorize`,
          token_endpoint: `${base}/${tenantId}/oauth2/v2.0/token`,
          id_token_signing_alg_values_supported: ['RS256'],
        });
      }
      if (at === `/${tenantId}/discovery/v2.0/keys`) return send(200, { keys: [jwk] });
      send(404, { error: 'not_found' });
    },
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const appIdUri = `api://127.0.0.1/${clientId}`;

  return {
    authorityHost: base,
    tenantId,
    clientId,
    appIdUri,
    requests,
    settings: (over = {}) => ({
      ENTRA_AUTHORITY_HOST: base,
      TAB_SSO_TENANT_ID: tenantId,
      TAB_SSO_CLIENT_ID: clientId,
      TAB_SSO_APP_ID_URI: appIdUri,
      ...over,
    }),
    async signToken(claims = {}, opts = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload: JWTPayload = {
        iss: `${base}/${tenantId}/v2.0`,
        aud: clientId,
        tid: tenantId,
        scp: 'access_as_user',
        ver: '2.0',
        name: 'Test Person',
        iat: now - 60,
        nbf: now - 60,
        exp: now + 3600,
        azp: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
        ...claims,
      };
      for (const k of opts.omit ?? []) delete payload[k];
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(opts.untrustedKey ? other.privateKey : good.privateKey);
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
