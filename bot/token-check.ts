// What can be said about a Bot Framework token from its face alone, before
// botbuilder fetches keys for it: a token that is not an RSA-signed JWT, or
// that expired, is refused here with one line, so botbuilder never writes its
// own stack (or a 500) for it. The signature, issuer and audience are still
// botbuilder's to check.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { AuthenticationError } from 'botframework-connector';

const ALLOWED_ALGS = ['RS256', 'RS384', 'RS512'];
/** botbuilder allows five minutes of clock skew. */
const CLOCK_TOLERANCE_S = 5 * 60;

function part(segment: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Why the header cannot carry a good token, or undefined when botbuilder should look at it. */
export function tokenProblem(authHeader: string, now = Date.now()): string | undefined {
  // No header at all is botbuilder's to refuse, in its own words.
  if (!authHeader.trim()) return undefined;
  const m = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(authHeader.trim());
  if (!m) return 'not a bearer JWT';
  const header = part(m[1]);
  const payload = part(m[2]);
  if (!header || !payload) return 'unreadable token';
  if (typeof header.alg !== 'string' || !ALLOWED_ALGS.includes(header.alg))
    return `signing algorithm ${String(header.alg).slice(0, 10)} is not allowed`;
  if (!m[3]) return 'unsigned token';
  if (typeof payload.exp !== 'number') return 'token has no expiry';
  if (payload.exp + CLOCK_TOLERANCE_S < now / 1000) return 'token has expired';
  return undefined;
}

/** A refused token: botbuilder's own refusals, and jsonwebtoken's (a bad signature) which botbuilder passes on as they are. */
export function isAuthFailure(e: unknown): boolean {
  if (e instanceof AuthenticationError) return (e as AuthenticationError).statusCode === 401 || /unauthori[sz]ed|not authorized/i.test(e.message);
  const name = (e as Error)?.name;
  return name === 'JsonWebTokenError' || name === 'TokenExpiredError' || name === 'NotBeforeError';
}

/** The login metadata or signing keys could not be fetched: our side, not the caller's. */
export function isKeyEndpointFailure(e: unknown): boolean {
  if (e instanceof AuthenticationError && /Failed to load (openID config|Keys)/i.test(e.message)) return true;
  if (e instanceof KeyEndpointError) return true;
  const err = e as { name?: string; type?: string; code?: string };
  return (
    err?.name === 'FetchError' ||
    err?.type === 'system' ||
    ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN'].includes(String(err?.code))
  );
}

/**
 * After the key endpoint fails, requests are answered 503 at once for a
 * while instead of each trying again; the wait doubles with each failure
 * (1 s up to a minute) and resets on success.
 */
export class KeyEndpointBackoff {
  private failures = 0;
  private until = 0;
  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds still to wait, or 0 when a request may try the endpoint. */
  waitSeconds(): number {
    return Math.max(0, Math.ceil((this.until - this.now()) / 1000));
  }

  failed(): number {
    this.failures += 1;
    const delayMs = Math.min(60_000, 1000 * 2 ** (this.failures - 1));
    this.until = this.now() + delayMs;
    return Math.ceil(delayMs / 1000);
  }

  succeeded(): boolean {
    const wasFailing = this.failures > 0;
    this.failures = 0;
    this.until = 0;
    return wasFailing;
  }
}

/** The login metadata or key set could not be fetched. */
export class KeyEndpointError extends Error {
  override name = 'KeyEndpointError';
}

/**
 * Checks a Bot Framework token's signature against the channel's published
 * keys before botbuilder does, so a forged token is one quiet 401 (botbuilder
 * writes the key set to the console for every bad signature and answers 500
 * to a well-formed token of the wrong kind). Keys are kept for a day and
 * fetched again for an unknown key id at most every five minutes.
 */
export class ChannelTokenCheck {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = 0;

  constructor(
    private readonly metadataUrl: string,
    private readonly issuer: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Why the token is refused, or undefined to let botbuilder finish the checks (issuer, audience, endorsements). */
  async problem(authHeader: string): Promise<string | undefined> {
    const m = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authHeader.trim());
    if (!m) return undefined;
    const header = part(m[1])!;
    const payload = part(m[2])!;
    // Only tokens claiming to be the channel's are checked here; botbuilder refuses other issuers itself.
    if (payload.iss !== this.issuer) return undefined;
    if (typeof header.kid !== 'string') return 'token names no signing key';
    const key = await this.key(header.kid);
    if (!key) return 'token is signed with an unknown key';
    const hash = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' }[String(header.alg)];
    if (!hash) return 'signing algorithm is not allowed';
    const ok = verify(hash, Buffer.from(`${m[1]}.${m[2]}`), key, Buffer.from(m[3], 'base64url'));
    return ok ? undefined : 'bad signature';
  }

  private async key(kid: string): Promise<KeyObject | undefined> {
    const age = this.now() - this.fetchedAt;
    if (age > 24 * 3600_000 || (!this.keys.has(kid) && age > 5 * 60_000)) await this.refresh();
    return this.keys.get(kid);
  }

  private async refresh(): Promise<void> {
    const get = async (url: string) => {
      let res: Response;
      try {
        res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      } catch (e) {
        throw new KeyEndpointError(`${new URL(url).host} unreachable: ${(e as Error).message}`);
      }
      if (!res.ok) throw new KeyEndpointError(`${new URL(url).host} answered ${res.status}`);
      return (await res.json()) as Record<string, unknown>;
    };
    const metadata = await get(this.metadataUrl);
    if (typeof metadata.jwks_uri !== 'string') throw new KeyEndpointError('the login metadata names no key set');
    const set = await get(metadata.jwks_uri);
    const keys = new Map<string, KeyObject>();
    for (const jwk of Array.isArray(set.keys) ? (set.keys as Array<Record<string, unknown>>) : []) {
      if (typeof jwk.kid !== 'string' || jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') continue;
      try {
        keys.set(jwk.kid, createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }));
      } catch {
        // A key we cannot read signs nothing we accept.
      }
    }
    this.keys = keys;
    this.fetchedAt = this.now();
  }
}
