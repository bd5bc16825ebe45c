// Tokens for Graph. In production the app signs in as itself (client
// credentials); tests hand the fake a fixed token.
import { ConfidentialClientApplication } from '@azure/msal-node';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';

export interface ClientCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
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
      clientSecret: credentials.clientSecret,
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

export function staticTokenProvider(token: string): AuthenticationProvider {
  return { getAccessToken: async () => token };
}
