// The stricter Graph and sign-in messages quote what Entra ID and Graph said,
// and the command line prints them as they are: none may carry the client
// secret, a token, a password in a setting, or a signed URL's signature.
import { expect } from 'chai';
import { scrub, scrubKnown } from '../../core/redact';
import { clientCredentialsProvider, describeSignInFailure } from '../../store/sharepoint/graph/auth';
import { graphError } from '../../store/sharepoint/graph/graph-errors';

const SECRET = 'Xq8Q~abcDEFghiJKLmnoPQRstuVWXyz0123456789';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
const SAS = 'https://acct.blob.core.windows.net/c/f.txt?sv=2022-11-02&se=2026-12-01&sp=r&sig=AbCdEf%2BgHiJ%3D';
const TEMPAUTH = 'https://contoso.sharepoint.com/_layouts/15/download.aspx?UniqueId=1&tempauth=v1.eyJzaXRlaWQiOiJ4In0xyz';

function expectClean(text: string) {
  expect(text).not.to.include(SECRET);
  expect(text).not.to.include(JWT);
  expect(text).not.to.include('AbCdEf');
  expect(text).not.to.include('eyJzaXRlaWQ');
  expect(text).not.to.include('hunter22pass');
}

describe('abuse: secrets in Graph and sign-in errors', () => {
  it('an MSAL failure quoting the secret, a client assertion, a token or a signed URL is described without them', () => {
    for (const errorMessage of [
      `AADSTS7000215: Invalid client secret provided: ${SECRET}.`,
      `network_error: request body client_secret=${SECRET}&client_assertion=${JWT}&grant_type=client_credentials`,
      `Fetch failed: Authorization: Bearer ${JWT}`,
      `unexpected redirect to ${SAS} and ${TEMPAUTH}`,
      `could not reach https://admin:hunter22pass@login.example/tenant`,
    ]) {
      const said = describeSignInFailure({ errorCode: 'invalid_client', errorMessage }, [SECRET]);
      expectClean(said);
      expect(said).to.match(/^invalid_client: /);
    }
  });

  it('a Graph error whose message quotes a signed URL, a token or the secret names none of them', () => {
    for (const message of [`Access denied to ${SAS}`, `Token ${JWT} expired`, `see ${TEMPAUTH}`, `client_secret=${SECRET}`]) {
      const e = graphError(403, { error: { code: 'accessDenied', message } }, `GET ${TEMPAUTH}`, '/sites/s/lists');
      expectClean(e.message);
      expect(e.message).to.include('403 accessDenied');
    }
  });

  it('signing in to an unreachable authority written with a password: the message names neither the password nor the secret', async function () {
    this.timeout(30_000);
    const tokens = clientCredentialsProvider(
      {
        tenantId: 't',
        clientId: '00000000-0000-0000-0000-000000000001',
        clientSecret: SECRET,
        authority: 'https://admin:hunter22pass@127.0.0.1:1/t',
      },
      'https://graph.microsoft.com',
    );
    let said = '';
    try {
      await tokens.getAccessToken();
    } catch (e) {
      said = (e as Error).message;
    }
    expect(said).to.match(/could not sign in to Microsoft Entra ID at https:\/\/127\.0\.0\.1:1\/t as app/);
    expectClean(said);
  });

  it('the scrub keeps ordinary words, refs and URLs', () => {
    const plain = 'PATCH PlanPulse Actions item 12 failed: 412 (https://graph.microsoft.com/v1.0/sites/s?$top=5 for 1.1.3)';
    expect(scrub(plain)).to.equal(plain);
    expect(scrubKnown('short', ['short'])).to.equal('short');
  });
});
