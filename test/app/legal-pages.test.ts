// The manifest links to /privacy and /terms: Teams shows them in the app's
// details, so they must be served, as HTML, without signing in.
import { expect } from 'chai';
import { startHarness, type Harness } from '../bot/harness';

describe('privacy and terms pages', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h.close());

  for (const [route, heading] of [
    ['/privacy', 'Privacy'],
    ['/terms', 'Terms of use'],
  ] as const) {
    it(`serves ${route} as an English HTML page headed "${heading}"`, async () => {
      const res = await fetch(`http://127.0.0.1:${h.app.port}${route}`);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^text\/html/);
      const html = await res.text();
      expect(html).to.include('lang="en-GB"');
      expect(html).to.include(`<h1>${heading}</h1>`);
    });
  }
});
