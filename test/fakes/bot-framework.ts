// A stand-in for the Bot Framework's token signing: the OpenID metadata and
// key set the channel publishes, and tokens signed as the channel signs them
// (RS256, issuer https://api.botframework.com, audience the bot's app id,
// the serviceUrl as a claim). Each forgery the abuse corpus tries is made here.
import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const CHANNEL_ISSUER = 'https://api.botframework.com';
export const KID = 'planpulse-test-key';

export interface BotFrameworkFake {
  /** Give this to the bot as its channel OpenID metadata URL. */
  metadataUrl: string;
  /** While true the metadata answers 503, as an outage would. */
  down: boolean;
  /** Metadata and key requests received, to see the backoff at work. */
  requests: string[];
  /** The public half of the key, as published (for HS256 forgeries that use it as a secret). */
  publicPem: string;
  token(claims?: Record<string, unknown>, opts?: { alg?: string; kid?: string; key?: KeyObject }): string;
  close(): Promise<void>;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export async function startBotFrameworkFake(appId: string): Promise<BotFrameworkFake> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const requests: string[] = [];
  let url = '';
  const fake: BotFrameworkFake = {
    metadataUrl: '',
    down: false,
    requests,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    token(claims = {}, opts = {}) {
      const alg = opts.alg ?? 'RS256';
      const header = { alg, typ: 'JWT', kid: opts.kid ?? KID };
      const now = Math.floor(Date.now() / 1000);
      // The channel spells the claim "serviceurl"; callers may write serviceUrl.
      const { serviceUrl, ...rest } = claims;
      const payload = {
        iss: CHANNEL_ISSUER,
        aud: appId,
        iat: now - 10,
        nbf: now - 10,
        exp: now + 3600,
        ...(serviceUrl ? { serviceurl: serviceUrl } : {}),
        ...rest,
      };
      const data = `${b64(header)}.${b64(payload)}`;
      if (alg === 'none') return `${data}.`;
      if (alg === 'HS256') return `${data}.${createHmac('sha256', fake.publicPem).update(data).digest('base64url')}`;
      return `${data}.${sign('sha256', Buffer.from(data), opts.key ?? privateKey).toString('base64url')}`;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (fake.down) {
      res.statusCode = 503;
      return res.end('{}');
    }
    if (req.url === '/v1/.well-known/openidconfiguration') return res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${url}/v1/keys` }));
    if (req.url === '/v1/keys') return res.end(JSON.stringify({ keys: [{ ...jwk, kid: KID, use: 'sig', endorsements: ['msteams'] }] }));
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.metadataUrl = `${url}/v1/.well-known/openidconfiguration`;
  return fake;
}
