// The small pure pieces of the Graph module: Retry-After, OData literals,
// the site setting, and building a store that signs in with MSAL.
import { expect } from 'chai';
import { createSharePointPlanStore } from '../../store/sharepoint';
import { describeSignInFailure } from '../../store/sharepoint/graph/auth';
import { adviceFor, graphError } from '../../store/sharepoint/graph/graph-errors';
import { itemsQuery, quoted } from '../../store/sharepoint/graph/odata';
import { retryDelaySeconds } from '../../store/sharepoint/graph/retry-policy';
import { siteLookupPath } from '../../store/sharepoint/site';

const policy = { maxRetries: 5, delayCapSeconds: 120 };

describe('SharePoint Graph helpers', () => {
  it('explains a 403 on the site as a Sites.Selected role, but not a 403 elsewhere; and a 422 notSupported as a lost index', () => {
    const denied = { error: { code: 'accessDenied', message: 'Access denied' } };
    expect(graphError(403, denied, 'creating the list X', '/sites/s/lists').message).to.equal(
      `creating the list X failed: 403 accessDenied: Access denied. ${adviceFor(403, denied)}`,
    );
    expect(adviceFor(403, denied, '/sites/s/lists')).to.include("'manage' (or 'fullcontrol') to create lists and columns");
    expect(adviceFor(403, denied, '/users/u/teamwork/installedApps')).to.equal(undefined);
    const tooMuch = { error: { code: 'notSupported', message: 'The request is unprocessable because it uses too many resources' } };
    expect(adviceFor(422, tooMuch, '/sites/s/lists/l/items')).to.include('Run `planpulse provision`');
    expect(adviceFor(400, { error: { code: 'invalidRequest' } }, '/sites/s')).to.equal(undefined);
  });

  it('describes an MSAL failure by its code and Entra’s own sentence, with the setting to check', () => {
    const msal = {
      errorCode: 'invalid_client',
      errorMessage:
        'Error(s): Not Available - Timestamp: Not Available - Description: AADSTS7000215: Invalid client secret provided. - Correlation ID: Not Available - Trace ID: Not Available',
    };
    expect(describeSignInFailure(msal)).to.equal(
      'invalid_client: AADSTS7000215: Invalid client secret provided. (check AZURE_CLIENT_SECRET, or the certificate in AZURE_CLIENT_CERTIFICATE_PATH)',
    );
    expect(describeSignInFailure({ errorCode: 'invalid_request', errorMessage: 'AADSTS90002: Tenant not found.' })).to.equal(
      'invalid_request: AADSTS90002: Tenant not found. (check AZURE_CLIENT_ID and AZURE_TENANT_ID)',
    );
    expect(describeSignInFailure(new Error('something odd'))).to.equal('something odd');
  });

  it('reads Retry-After as seconds or a date, caps it, and backs off when it is missing', () => {
    expect(retryDelaySeconds('7', 0, policy)).to.equal(7);
    expect(retryDelaySeconds('600', 0, policy)).to.equal(120);
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    expect(retryDelaySeconds(inTenSeconds, 0, policy)).to.be.within(9, 11);
    expect([0, 1, 2].map((n) => retryDelaySeconds(undefined, n, policy))).to.deep.equal([1, 2, 4]);
  });

  it('quotes OData string literals and keeps "&" and "#" from breaking the query', () => {
    expect(quoted("O'Brien")).to.equal("'O''Brien'");
    expect(itemsQuery({ select: ['LeadKey', 'Title'], where: { column: 'Email', value: 'a&b#c@example.org' } })).to.equal(
      "?expand=fields(select=LeadKey,Title)&$filter=fields/Email%20eq%20'a%26b%23c@example.org'",
    );
  });

  it('understands the site as host and path, as a URL, or as a site id', () => {
    expect(siteLookupPath('contoso.sharepoint.com:/sites/send-partnership')).to.equal('/sites/contoso.sharepoint.com:/sites/send-partnership');
    expect(siteLookupPath('https://contoso.sharepoint.com/sites/send-partnership/')).to.equal(
      '/sites/contoso.sharepoint.com:/sites/send-partnership',
    );
    expect(siteLookupPath('contoso.sharepoint.com,2c712604-1370-44e7-a1f5-426573b8b2c6,2d2244c3-251a-49ea-93a8-39e1c3a060fe')).to.equal(undefined);
  });

  it('builds a store that signs in with client credentials without going to the network', () => {
    const store = createSharePointPlanStore({
      graphBaseUrl: 'https://graph.microsoft.us',
      site: 'contoso.sharepoint.us:/sites/send-partnership',
      tenantId: '00000000-0000-0000-0000-000000000001',
      clientId: '00000000-0000-0000-0000-000000000002',
      clientSecret: 'not-a-secret',
      authority: 'https://login.microsoftonline.us/00000000-0000-0000-0000-000000000001',
    });
    expect(store.requestCount()).to.deep.equal({ outer: 0, batches: 0, inner: 0, units: 0 });
  });
});
