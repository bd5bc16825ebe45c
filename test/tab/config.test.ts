// The tab's SSO settings: read from the environment, one line per bad setting.
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../app/config';

const CLIENT = '99999999-8888-4777-8666-555555555555';
const TENANT = '11111111-2222-4333-8444-555555555555';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.message.split('\n- ').slice(1);
  }
}

describe('tab SSO settings', () => {
  it('are absent on the embedded default, so local sign-in applies', () => {
    expect(loadConfig({}).tabSso).to.equal(undefined);
  });

  it('are read with the tenant falling back to AZURE_TENANT_ID, then MicrosoftAppTenantId', () => {
    const base = { TAB_SSO_CLIENT_ID: CLIENT, TAB_SSO_APP_ID_URI: `api://planpulse.example/${CLIENT}` };
    expect(loadConfig({ ...base, TAB_SSO_TENANT_ID: TENANT }).tabSso).to.deep.equal({
      authorityHost: 'https://login.microsoftonline.com',
      tenantId: TENANT,
      clientId: CLIENT,
      appIdUri: `api://planpulse.example/${CLIENT}`,
    });
    expect(
      loadConfig({ ...base, MicrosoftAppTenantId: TENANT, MicrosoftAppId: '', ENTRA_AUTHORITY_HOST: 'https://login.microsoftonline.us/' }).tabSso,
    ).to.include({
      tenantId: TENANT,
      authorityHost: 'https://login.microsoftonline.us',
    });
  });

  it('name each bad setting on a line of its own', () => {
    expect(
      problems({
        TAB_SSO_CLIENT_ID: 'planpulse',
        TAB_SSO_APP_ID_URI: 'https://x',
        TAB_SSO_TENANT_ID: 'common',
        ENTRA_AUTHORITY_HOST: 'http://login.example',
      }),
    ).to.deep.equal([
      `TAB_SSO_CLIENT_ID must be the Entra app's client id, a GUID (got "planpulse")`,
      'TAB_SSO_APP_ID_URI must start with api:// (got "https://x")',
      `TAB_SSO_TENANT_ID must be the tenant's id, a GUID (got "common")`,
      'ENTRA_AUTHORITY_HOST must be an https:// host such as https://login.microsoftonline.com (got "http://login.example")',
    ]);
    expect(problems({ TAB_SSO_CLIENT_ID: CLIENT })).to.deep.equal([
      `TAB_SSO_APP_ID_URI is required with TAB_SSO_CLIENT_ID, e.g. api://planpulse.example/${CLIENT}`,
      'TAB_SSO_TENANT_ID is required with TAB_SSO_CLIENT_ID (or AZURE_TENANT_ID, or MicrosoftAppTenantId)',
    ]);
    expect(problems({ TAB_SSO_APP_ID_URI: 'api://x/y' })).to.deep.equal([
      'TAB_SSO_APP_ID_URI is set but TAB_SSO_CLIENT_ID is not: set both for Teams sign-in, or neither for local sign-in',
    ]);
  });
});

describe('tab host origins (TAB_HOST_ORIGINS)', () => {
  it('are none by default, and read as origins when set', () => {
    expect(loadConfig({}).tabHostOrigins).to.deep.equal([]);
    expect(loadConfig({ TAB_HOST_ORIGINS: 'http://127.0.0.2:4010, https://host.example/ http://[::1]:9' }).tabHostOrigins).to.deep.equal([
      'http://127.0.0.2:4010',
      'https://host.example',
      'http://[::1]:9',
    ]);
  });

  it('refuse anything but an origin, and http off this machine, one line each', () => {
    expect(problems({ TAB_HOST_ORIGINS: 'host.example,https://h.example/path,https://*.example,http://host.example' })).to.deep.equal([
      'TAB_HOST_ORIGINS takes origins such as https://host.example or http://127.0.0.1:4010, nothing more (got "host.example")',
      'TAB_HOST_ORIGINS takes origins such as https://host.example or http://127.0.0.1:4010, nothing more (got "https://h.example/path")',
      'TAB_HOST_ORIGINS takes origins such as https://host.example or http://127.0.0.1:4010, nothing more (got "https://*.example")',
      'TAB_HOST_ORIGINS: "http://host.example" must be https (http only on this machine, for a test host)',
    ]);
  });

  it("refuse a host URL() lets through that is no host name: ';' would end the CSP's frame-ancestors, quotes and a trailing dot", () => {
    for (const given of ['https://x;sandbox', "https://a'b.example", 'https://a"b.example', 'https://host.example.', 'https://-x.example']) {
      expect(problems({ TAB_HOST_ORIGINS: given }), given).to.deep.equal([
        `TAB_HOST_ORIGINS takes origins such as https://host.example or http://127.0.0.1:4010, nothing more (got "${given}")`,
      ]);
    }
    expect(loadConfig({ TAB_HOST_ORIGINS: 'https://xn--ls8h.example https://10.0.0.1:8443' }).tabHostOrigins).to.have.length(2);
  });
});
