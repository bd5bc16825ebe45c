// Tokens for Graph. In production the app signs in as itself (client
// credentials), with a certificate where it has one (preferred: nothing to
// leak in a setting) or a secret; tests hand the fake a fixed token.
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';

export interface ClientCredentials {
  tenantId: string;
  clientId: string;
  /** Used when no certificate is given. */
  clientSecret: string;
  /** A PEM file with the app's certificate and its private key (AZURE_CLIENT_CERTIFICATE_PATH). */
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
  // Client credentials only ever ask for the resource's ".default" scope.
  const scopes = [`${graphBaseUrl.replace(/\/+$/, '')}/.default`];
  return {
    async getAccessToken() {
      const result = await app.acquireTokenByClientCredential({ scopes });
      if (!result?.accessToken) throw new Error('Microsoft Entra ID returned no access token for Graph.');
      return result.accessToken;
    },
  };
}

/** The certificate from its PEM file (thumbprint, key and chain), else the secret. */
export function signInWith(credentials: ClientCredentials): Pick<Configuration['auth'], 'clientSecret' | 'clientCertificate'> {
  if (!credentials.clientCertificatePath) return { clientSecret: credentials.clientSecret };
  const pem = fs.readFileSync(credentials.clientCertificatePath, 'utf8');
  const certs = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const key = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(pem)?.[0];
  if (!certs.length || !key) throw new Error(`${credentials.clientCertificatePath} must hold the certificate and its private key (PEM).`);
  const thumbprintSha256 = new X509Certificate(certs[0]!).fingerprint256.replace(/:/g, '');
  return { clientCertificate: { thumbprintSha256, privateKey: key, x5c: certs.join('\n') } };
}

export function staticTokenProvider(token: string): AuthenticationProvider {
  return { getAccessToken: async () => token };
}
