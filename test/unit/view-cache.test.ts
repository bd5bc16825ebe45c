// The tab's cache of views (tab/server/api/view-cache.ts): one version at a
// time, keyed by whose view it is, within a budget of characters.
import { expect } from 'chai';
import { ViewCache, withAsAt } from '../../tab/server/api/view-cache';

describe('view cache', () => {
  it('builds a view once per key and version, and again for another key or a new version', () => {
    const cache = new ViewCache(1_000);
    const built: string[] = [];
    const view = (who: string) => () => {
      built.push(who);
      return JSON.stringify({ who });
    };
    const v1 = [{}, 'day'];
    expect(cache.get(v1, 'chair', view('chair'))).to.equal('{"who":"chair"}');
    expect(cache.get(v1, 'lead', view('lead'))).to.equal('{"who":"lead"}');
    expect(cache.get([...v1], 'chair', view('chair'))).to.equal('{"who":"chair"}');
    expect(built).to.deep.equal(['chair', 'lead']);
    // A new plan object is a new version: nothing of the old one is served.
    const v2 = [{}, 'day'];
    cache.get(v2, 'lead', view('lead'));
    expect(built).to.deep.equal(['chair', 'lead', 'lead']);
    expect(cache.size).to.equal(1);
    cache.get([v2[0], 'next day'], 'lead', view('lead'));
    expect(built).to.deep.equal(['chair', 'lead', 'lead', 'lead']);
  });

  it('keeps within its budget, dropping the view used longest ago, and keeps none larger than it', () => {
    const cache = new ViewCache(30);
    const version = [{}];
    let builds = 0;
    const view = (text: string) => () => {
      builds++;
      return text;
    };
    cache.get(version, 'a', view('a'.repeat(10)));
    cache.get(version, 'b', view('b'.repeat(10)));
    cache.get(version, 'a', view('a'.repeat(10))); // a used again: b is now the oldest
    cache.get(version, 'c', view('c'.repeat(15)));
    expect(cache.size).to.equal(2);
    expect(builds).to.equal(3);
    cache.get(version, 'a', view('a'.repeat(10)));
    expect(builds).to.equal(3);
    cache.get(version, 'b', view('b'.repeat(10)));
    expect(builds).to.equal(4);
    expect(cache.get(version, 'huge', view('h'.repeat(31)))).to.have.length(31);
    cache.get(version, 'huge', view('h'.repeat(31)));
    expect(builds).to.equal(6);
  });

  it('counts its keys in the budget: tiny views under long keys (every "changed since" date) stay within it', () => {
    const cache = new ViewCache(1_000);
    const version = [{}];
    for (let i = 0; i < 10_000; i++) cache.get(version, `${'viewer'.repeat(30)}-${i}`, () => '{}');
    // 180-odd characters of key and 2 of view each: five fit in 1,000, not 500.
    expect(cache.size).to.equal(5);
  });

  it("puts this answer's 'as at' into a kept view's JSON", () => {
    expect(JSON.parse(withAsAt('{"counts":{"Red":1},"rows":[]}', '2023-04-03T09:00:00Z'))).to.deep.equal({
      asAt: '2023-04-03T09:00:00Z',
      counts: { Red: 1 },
      rows: [],
    });
    expect(JSON.parse(withAsAt('{}', 'x'))).to.deep.equal({ asAt: 'x' });
  });

  it('is keyed by the exact objects, not by what they look like', () => {
    const cache = new ViewCache(100);
    const a = { version: 1 };
    const b = { version: 1 };
    cache.get([a], 'k', () => 'from a');
    expect(cache.get([b], 'k', () => 'from b')).to.equal('from b');
  });
});
