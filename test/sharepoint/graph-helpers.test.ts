// The small pure pieces of the Graph module: Retry-After, OData literals,
// the site setting, and building a store that signs in with MSAL.
import { expect } from 'chai';
import { createSharePointPlanStore } from '../../store/sharepoint';
import { itemsQuery, quoted } from '../../store/sharepoint/graph/odata';
import { retryDelaySeconds } from '../../store/sharepoint/graph/retry-policy';
import { siteLookupPath } from '../../store/sharepoint/site';

const policy = { maxRetries: 5, delayCapSeconds: 120 };

describe('SharePoint Graph helpers', () => {
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
