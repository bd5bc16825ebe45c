// Tokens for Graph. In production the app signs in as itself (client
// credentials), with a certificate where it has one (preferred: nothing to
// leak in a setting) or a secret; tests hand the fake a fixed token.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { scrubKnown } from '../../../core/redact';
import { readPkcs12 } from './pkcs12';

export interface ClientCredentials {
  tenantId: string;
  clientId: string;
  /** Used when no certificate is given. */
  clientSecret: string;
  /** The app's certificate and its private key (AZURE_CLIENT_CERTIFICATE_PATH): a PEM file, or a PKCS#12 (.p12/.pfx) file without a password. */
  clientCertificatePath?: string;
  /** National clouds sign in elsewhere; defaults to the public cloud for the tenant. */
  authority?: string;
}

export function defaultAuthority(tenantId: string): string {
  return `https://login.microsoftonline.com/${tenantId}`;
}

/**
 * App-only tokens for `graphBaseUrl`. One MSAL instance per provider so its
 * in-memory cache serves every request until the token nears expiry.
 */
export function clientCredentialsProvider(credentials: ClientCredentials, graphBaseUrl: string): AuthenticationProvider {
  const authority = credentials.authority ?? defaultAuthority(credentials.tenantId);
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: credentials.clientId,
      ...signInWith(credentials),
      authority,
      // The authority is a setting (national clouds, a sovereign or test
      // endpoint): trust its own metadata rather than asking the public
      // cloud's instance-discovery service about it.
      knownAuthorities: [new URL(authority).host],
    },
  });
  // Client credentials only ever ask for the resource's ".default" scope. The
  // resource is Graph's origin: a base URL given with a version ("…/v1.0") or
  // a trailing slash names the same resource.
  const scopes = [`${new URL(graphBaseUrl).origin}/.default`];
  // The authority as an origin and path: never a user or password someone wrote into the setting.
  const shown = new URL(authority);
  const whom = `Microsoft Entra ID at ${shown.origin}${shown.pathname.replace(/\/$/, '')} as app ${credentials.clientId}`;
  return {
    async getAccessToken() {
      let result: Awaited<ReturnType<typeof app.acquireTokenByClientCredential>>;
      try {
        result = await app.acquireTokenByClientCredential({ scopes });
      } catch (e) {
        throw new GraphSignInError(`could not sign in to ${whom}: ${describeSignInFailure(e, [credentials.clientSecret])}`, { cause: e });
      }
      if (!result?.accessToken) throw new GraphSignInError(`could not sign in to ${whom}: it returned no access token for Graph.`);
      return result.accessToken;
    },
  };
}

/**
 * Getting a token failed: the request never reached Graph. Kept apart from
 * Graph's own failures so the message says what to fix (a secret, a tenant, an
 * authority host) rather than "could not reach Graph".
 */
export class GraphSignInError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GraphSignInError';
  }
}

/**
 * MSAL's code and Entra's own sentence (AADSTS…), and which setting to look at;
 * never `secrets` (the client secret) nor a token, signed URL or password in
 * what MSAL said: the command line prints this as it is.
 */
export function describeSignInFailure(e: unknown, secrets: readonly (string | undefined)[] = []): string {
  const error = e as { errorCode?: unknown; errorMessage?: unknown; message?: unknown };
  const code = typeof error.errorCode === 'string' ? error.errorCode : undefined;
  const text = String(error.errorMessage || error.message || e);
  // Entra's answer, without MSAL's "Timestamp/Trace ID: Not Available" padding.
  const aadsts = /AADSTS\d+:[^\r\n]*?(?=\s+-\s+(?:Correlation|Trace|Timestamp)\b|\s*$)/.exec(text)?.[0];
  const reason = [code, aadsts ?? text].filter(Boolean).join(': ');
  const hint =
    code === 'invalid_client' || /AADSTS7000215|AADSTS700027/.test(text)
      ? 'check AZURE_CLIENT_SECRET, or the certificate in AZURE_CLIENT_CERTIFICATE_PATH'
      : /AADSTS700016|AADSTS90002|unauthorized_client/.test(text)
        ? 'check AZURE_CLIENT_ID and AZURE_TENANT_ID'
        : code === 'endpoints_resolution_error' || /network|ECONNREFUSED|ENOTFOUND|ETIMEDOUT/i.test(text)
          ? 'the authority could not be reached: check ENTRA_AUTHORITY_HOST and AZURE_TENANT_ID'
          : undefined;
  return scrubKnown(hint ? `${reason} (${hint})` : reason, secrets);
}

/** The certificate from its file (thumbprint, key and chain), else the secret. */
export function signInWith(credentials: ClientCredentials): Pick<Configuration['auth'], 'clientSecret' | 'clientCertificate'> {
  if (!credentials.clientCertificatePath) return { clientSecret: credentials.clientSecret };
  const { thumbprintSha256, privateKey, chain } = readClientCertificate(credentials.clientCertificatePath);
  return { clientCertificate: { thumbprintSha256, privateKey, x5c: chain.join('\n') } };
}

export interface ClientCertificate {
  /** Hex, upper case, no colons: what the Entra portal and App Service show. */
  thumbprintSha1: string;
  thumbprintSha256: string;
  /** PEM (PKCS#8 from a .p12). */
  privateKey: string;
  /** PEM certificates, the app's own first. */
  chain: string[];
}

/**
 * Reads AZURE_CLIENT_CERTIFICATE_PATH: a PEM file with the certificate and its
 * key, or a PKCS#12 file (.p12/.pfx) without a password, which is how App
 * Service on Linux provides a certificate named in WEBSITE_LOAD_CERTIFICATES
 * (/var/ssl/private/<thumbprint>.p12). Told apart by content, not by name.
 * Any failure is one line naming the file, so start-up says what to fix.
 */
export function readClientCertificate(file: string): ClientCertificate {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new Error(`AZURE_CLIENT_CERTIFICATE_PATH ${file} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      cause: e,
    });
  }
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN')) {
    const certs = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    const key = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(text)?.[0];
    if (!certs.length || !key) throw new Error(`${file} must hold the certificate and its private key (PEM).`);
    return naming(file, 'holds a PEM certificate or key that cannot be read', () => describe(file, certs, key));
  }
  return naming(file, 'is neither a PEM certificate with its key nor a readable PKCS#12 (.p12/.pfx) file', () => {
    const { certificates, privateKey } = readPkcs12(bytes);
    return describe(file, certificates, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  });
}

/** Whatever goes wrong reading the file is reported as one line naming it. */
function naming<T>(file: string, problem: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    const reason = (e as Error).message.replace(/\s+/g, ' ');
    throw new Error(reason.includes(file) ? reason : `AZURE_CLIENT_CERTIFICATE_PATH ${file} ${problem}: ${reason}`, { cause: e });
  }
}

/** The app's own certificate is the one matching the key, whatever order the file keeps. */
function describe(file: string, encoded: Array<string | Buffer>, privateKey: string): ClientCertificate {
  const certs = encoded.map((c) => new X509Certificate(c));
  const key = createPrivateKey(privateKey);
  const own = certs.findIndex((c) => c.checkPrivateKey(key));
  if (own < 0) throw new Error(`AZURE_CLIENT_CERTIFICATE_PATH ${file}: its private key belongs to none of its certificates.`);
  const ordered = [certs[own]!, ...certs.filter((_, i) => i !== own)];
  const hex = (fingerprint: string) => fingerprint.replace(/:/g, '').toUpperCase();
  return {
    thumbprintSha1: hex(ordered[0]!.fingerprint),
    thumbprintSha256: hex(ordered[0]!.fingerprint256),
    privateKey,
    chain: ordered.map((c) => c.toString().trim()),
  };
}

export function staticTokenProvider(token: string): AuthenticationProvider {
  return { getAccessToken: async () => token };
}
