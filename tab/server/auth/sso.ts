// Validates the tab's SSO token (Teams' authentication.getAuthToken()) with
// jose against the keys of the configured Entra authority, so national clouds
// work: RS256 only, the tenant's issuer (v1 or v2 form), our audience (app id
// URI or client id), expiry and not-before with five minutes' leeway, and the
// access_as_user scope. The person is the token's oid.
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

export interface SsoSettings {
  /** e.g. https://login.microsoftonline.com (or a national cloud's, or a test fake's). */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  /** e.g. api://planpulse.example/{clientId} */
  appIdUri: string;
}

export interface TokenIdentity {
  oid: string;
  tid: string;
  name: string;
}

/** A token we do not accept; `reason` is for the log and the 401's body, never a secret. */
export class TokenRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TokenRefused';
  }
}

/**
 * The authority's keys cannot be read just now: not the caller's fault, so a
 * 503 with Retry-After, and the body never says where the keys live.
 */
export class SsoUnavailable extends Error {
  constructor(
    readonly detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`Teams sign-in keys could not be read: ${detail}`);
    this.name = 'SsoUnavailable';
  }
}

/** After a failed metadata fetch, wait this long before the next (doubling to the most). */
const BACKOFF_FIRST_MS = 1000;
const BACKOFF_MOST_MS = 60_000;

export const CLOCK_TOLERANCE_SECONDS = 300;
export const SCOPE = 'access_as_user';

interface OpenIdMetadata {
  issuer: string;
  jwks_uri: string;
}

export class SsoVerifier {
  private metadata?: Promise<{ issuer: string; keys: ReturnType<typeof createRemoteJWKSet> }>;

  constructor(private readonly settings: SsoSettings) {}

  /** A failed fetch: no other is made before `retryAt`, so anyone can send tokens but not make us fetch for each. */
  private failure?: { detail: string; retryAt: number; delayMs: number };

  /** The v2 OpenID metadata of the tenant on the configured authority: issuer and jwks_uri. Fetched once. */
  private keys() {
    if (this.failure && Date.now() < this.failure.retryAt) {
      return Promise.reject(new SsoUnavailable(this.failure.detail, Math.ceil((this.failure.retryAt - Date.now()) / 1000)));
    }
    this.metadata ??= (async () => {
      const url = `${this.settings.authorityHost.replace(/\/+$/, '')}/${this.settings.tenantId}/v2.0/.well-known/openid-configuration`;
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`OpenID metadata at ${url} answered ${res.status}`);
      const m = (await res.json()) as OpenIdMetadata;
      if (typeof m.jwks_uri !== 'string' || typeof m.issuer !== 'string') throw new Error(`OpenID metadata at ${url} has no jwks_uri or issuer`);
      this.failure = undefined;
      // jose caches the keys (10 min) and fetches again for an unknown kid (at most every 30 s).
      return { issuer: m.issuer, keys: createRemoteJWKSet(new URL(m.jwks_uri)) };
    })().catch((e: unknown) => {
      this.metadata = undefined; // try again after the backoff
      const delayMs = Math.min(this.failure ? this.failure.delayMs * 2 : BACKOFF_FIRST_MS, BACKOFF_MOST_MS);
      this.failure = { detail: (e as Error).message, retryAt: Date.now() + delayMs, delayMs };
      throw new SsoUnavailable(this.failure.detail, Math.ceil(delayMs / 1000));
    });
    return this.metadata;
  }

  /** The issuers a token for our tenant may carry: v2 as the metadata says, and v1. */
  private issuers(v2: string): string[] {
    const t = this.settings.tenantId;
    return [v2, `${this.settings.authorityHost.replace(/\/+$/, '')}/${t}/v2.0`, `https://sts.windows.net/${t}/`];
  }

  async verify(token: string): Promise<TokenIdentity> {
    if (!token) throw new TokenRefused('no token');
    // Not the caller's fault when this fails: SsoUnavailable, a 503.
    const meta = await this.keys();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, meta.keys, {
        algorithms: ['RS256'],
        issuer: this.issuers(meta.issuer),
        audience: [this.settings.appIdUri, this.settings.clientId],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'nbf', 'oid', 'tid'],
      }));
    } catch (e) {
      // The key set could not be fetched (a timeout, a network failure, not a key set): unavailable, not refused.
      if (e instanceof errors.JWKSTimeout || e instanceof errors.JWKSInvalid || !(e instanceof errors.JOSEError)) {
        throw new SsoUnavailable(`the key set could not be read (${(e as Error).message})`, 30);
      }
      throw new TokenRefused(refusal(e));
    }
    if (String(payload.tid).toLowerCase() !== this.settings.tenantId.toLowerCase()) throw new TokenRefused('the token is for another tenant');
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(SCOPE)) throw new TokenRefused(`the token lacks the ${SCOPE} scope`);
    return { oid: String(payload.oid), tid: String(payload.tid), name: typeof payload.name === 'string' ? payload.name : '' };
  }
}

function refusal(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'the token has expired';
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'nbf') return 'the token is not valid yet';
    return `the token's ${e.claim} is not accepted`;
  }
  if (e instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with RS256';
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (e instanceof errors.JWKSNoMatchingKey) return 'the token is signed with a key the authority does not publish';
  if (e instanceof errors.JWTInvalid || e instanceof errors.JWSInvalid) return 'the token is not a signed JWT';
  return `the token was refused (${(e as Error).message})`;
}
