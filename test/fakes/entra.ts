// A stand-in for the Microsoft Entra token service over HTTPS: the OpenID
// metadata MSAL reads first, and the client-credentials token endpoint. It
// checks the client id, secret, grant and scope as Entra does, so a wrong
// setting fails here the way it would in a tenant.
import { X509Certificate, constants, verify } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface EntraFake {
  /** e.g. https://127.0.0.1:PORT — the authority is `${url}/${tenantId}`. */
  url: string;
  tokenRequests: Array<Record<string, string>>;
  close(): Promise<void>;
}

export interface EntraFakeOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The token to hand out (the Graph fake's requiredToken). */
  token: string;
  /** The scope a Graph client must ask for, e.g. https://127.0.0.1:1234/.default */
  scope: string;
  /** The certificate (PEM) registered for the app: a client assertion signed with its key is accepted instead of the secret. */
  clientCertificatePem?: string;
}

/** Checks a client assertion as Entra does: signed by the registered certificate, naming it by thumbprint, for this token endpoint. */
function assertionProblem(assertion: string, certPem: string, clientId: string, tokenEndpoint: string): string | undefined {
  const [h, p, sig] = assertion.split('.');
  if (!h || !p || !sig) return 'AADSTS50027: Invalid JWT token.';
  const header = JSON.parse(Buffer.from(h, 'base64url').toString());
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
  const cert = new X509Certificate(certPem);
  const thumb = Buffer.from(cert.fingerprint256.replace(/:/g, ''), 'hex').toString('base64url');
  if (header['x5t#S256'] !== thumb)
    return 'AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application.';
  const key = cert.publicKey;
  const data = Buffer.from(`${h}.${p}`);
  const ok =
    header.alg === 'PS256'
      ? verify('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, Buffer.from(sig, 'base64url'))
      : header.alg === 'RS256' && verify('sha256', data, key, Buffer.from(sig, 'base64url'));
  if (!ok) return 'AADSTS700027: Client assertion failed signature validation.';
  if (payload.iss !== clientId || payload.sub !== clientId) return 'AADSTS700023: Client assertion issuer and subject must be the client id.';
  if (payload.aud !== tokenEndpoint) return `AADSTS700016: Client assertion audience ${payload.aud} is not the token endpoint.`;
  if (typeof payload.exp !== 'number' || payload.exp * 1000 < Date.now()) return 'AADSTS700024: Client assertion is not within its valid time range.';
  return undefined;
}

const TLS = path.resolve(__dirname, '../fixtures/tls');

export async function startEntraFake(o: EntraFakeOptions): Promise<EntraFake> {
  const tokenRequests: Array<Record<string, string>> = [];
  let url = '';
  const server = https.createServer(
    { cert: fs.readFileSync(path.join(TLS, 'cert.pem')), key: fs.readFileSync(path.join(TLS, 'key.pem')) },
    (req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const send = (status: number, value: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(value));
        };
        const at = new URL(req.url ?? '/', url);
        const base = `${url}/${o.tenantId}`;
        if (req.method === 'GET' && at.pathname === `/${o.tenantId}/v2.0/.well-known/openid-configuration`) {
          return send(200, {
            issuer: `${base}/v2.0`,
            authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
            token_endpoint: `${base}/oauth2/v2.0/token`,
            end_session_endpoint: `${base}/oauth2/v2.0/logout`,
            jwks_uri: `${base}/discovery/v2.0/keys`,
            response_types_supported: ['code', 'id_token', 'token'],
          });
        }
        if (req.method === 'POST' && at.pathname === `/${o.tenantId}/oauth2/v2.0/token`) {
          const form = Object.fromEntries(new URLSearchParams(body));
          tokenRequests.push(form);
          if (form.client_id !== o.clientId)
            return send(400, {
              error: 'unauthorized_client',
              error_description: `AADSTS700016: Application with identifier '${form.client_id}' was not found in the directory.`,
            });
          if (form.client_assertion !== undefined) {
            const problem = o.clientCertificatePem
              ? assertionProblem(form.client_assertion, o.clientCertificatePem, o.clientId, `${base}/oauth2/v2.0/token`)
              : 'AADSTS700027: No certificate is registered.';
            if (problem) return send(401, { error: 'invalid_client', error_description: problem });
          } else if (form.client_secret !== o.clientSecret)
            return send(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
          if (form.grant_type !== 'client_credentials')
            return send(400, { error: 'unsupported_grant_type', error_description: 'AADSTS70003: The app requested an unsupported grant type.' });
          if (!form.scope?.split(' ').includes(o.scope))
            return send(400, {
              error: 'invalid_scope',
              error_description: `AADSTS1002012: The provided value for scope ${form.scope} is not valid.`,
            });
          return send(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: o.token });
        }
        send(404, { error: 'not_found', error_description: `${req.method} ${at.pathname}` });
      });
    },
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, tokenRequests, close: () => new Promise((r) => server.close(() => r())) };
}
