// The tab inside a fake Teams host in real Chromium: the host page frames the
// tab and answers teams-js's messages (fake-teams-host.ts), and hands the tab
// tokens signed by a fake Entra authority the server is configured to trust.
// So SSO, the theme following Teams, the configuration page, the meeting side
// panel and the stage run for real rather than being assumed.
import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { startFakeAuthority, type FakeAuthority } from '../fakes/tab-sso';
import { FAKE_HOST_HTML } from './fake-teams-host';
import { axeViolations, GROUP, newContext, PEOPLE, screenshot, startTabWorld, type TabWorld } from './harness';

describe('tab inside a fake Teams host (SSO, config page, side panel, stage, themes)', function () {
  this.timeout(60_000);
  let sso: FakeAuthority;
  let world: TabWorld;
  // A host page on another origin than the tab's (its own loopback server), which the server is told to trust.
  let otherHost: http.Server;
  let OTHER_HOST: string;
  before(async () => {
    otherHost = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(FAKE_HOST_HTML);
    });
    await new Promise<void>((r) => otherHost.listen(0, '127.0.0.1', r));
    OTHER_HOST = `http://127.0.0.1:${(otherHost.address() as AddressInfo).port}`;
    sso = await startFakeAuthority();
    world = await startTabWorld({
      ...sso.settings(),
      TAB_HOST_ORIGINS: OTHER_HOST,
    });
  });
  after(async () => {
    await world?.close();
    await sso?.close();
    otherHost?.close();
  });

  /** Opens the fake host framing `src` in frame context `fc`, signed in (by token) as `who`. */
  async function host(
    fc: string,
    src: string,
    opts: {
      who?: { oid: string; name: string };
      theme?: string;
      w?: number;
      h?: number;
      share?: 'no' | 'error';
      /** Teams refuses the token with this reason, until `teams.tokenFails` is cleared. */
      tokenFails?: string;
      /** Claims over the signed token's defaults (exp …), for the first `count` tokens. */
      claims?: { exp?: number; count: number };
      /** Serve the fake host from this origin (then `src` must be absolute). */
      hostOrigin?: string;
      /** More of the fake host's query (context, uuid, entityId, saved, shareResult, pagesConfig). */
      query?: Record<string, string>;
    } = {},
  ) {
    const context = await newContext(world);
    const page = await context.newPage();
    const who = opts.who ?? PEOPLE.sally;
    const tokens: string[] = [];
    const teams = { tokenFails: opts.tokenFails };
    await page.exposeFunction('fakeTeamsToken', async () => {
      if (teams.tokenFails) throw new Error(teams.tokenFails);
      const special = opts.claims && tokens.length < opts.claims.count ? { exp: opts.claims.exp } : {};
      const t = await sso.signToken({ oid: who.oid, name: who.name, ...special });
      tokens.push(t);
      return t;
    });
    const auth: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/tab/')) auth.push(r.headers()['authorization'] ?? '');
    });
    const q = new URLSearchParams({
      fc,
      src,
      theme: opts.theme ?? 'default',
      w: String(opts.w ?? 1280),
      h: String(opts.h ?? 860),
      oid: who.oid,
      tid: sso.tenantId,
    });
    if (opts.share) q.set('share', opts.share);
    for (const [k, v] of Object.entries(opts.query ?? {})) q.set(k, v);
    await page.goto(opts.hostOrigin ? `${opts.hostOrigin}/other-host.html?${q}` : `${world.base}/__fake-teams/host.html?${q}`);
    const tab = page.frameLocator('iframe[title="PlanPulse"]');
    return {
      page,
      tab,
      tokens,
      auth,
      teams,
      calls: (func: string) => page.evaluate((f) => (window as any).fakeTeams.calls(f), func) as Promise<unknown[][]>,
      /** What real Teams would have refused or ignored (see fake-teams-host.ts). */
      violations: () => page.evaluate(() => (window as any).fakeTeams.violations()) as Promise<string[]>,
    };
  }
  /** Closes the page, once the host saw nothing real Teams would refuse. */
  const done = async (page: Page) => {
    const violations = (await page.evaluate(() => (window as any).fakeTeams.violations())) as string[];
    await page.context().close();
    expect(violations, 'what real Teams would refuse').to.deep.equal([]);
  };

  it('signs in with the Teams token (Bearer on every API call) and follows Teams theme changes', async () => {
    const h = await host('content', `/tab/?view=group&group=${GROUP}`);
    await h.tab.getByTestId('rag-counts').waitFor();
    expect(h.auth.length).to.be.greaterThan(0);
    expect(
      h.auth.every((a) => a.startsWith('Bearer ')),
      h.auth.join(', '),
    ).to.equal(true);
    expect(h.tokens.length).to.be.greaterThan(0);
    // No local sign-in bar inside Teams.
    expect(await h.tab.getByTestId('local-bar').count()).to.equal(0);
    const theme = () => h.tab.locator('[data-theme]').first().getAttribute('data-theme');
    expect(await theme()).to.equal('light');
    expect(await axeViolations(h.page)).to.deep.equal([]);
    await screenshot(h.page, 'teams-content-light');
    for (const [teams, ours] of [
      ['dark', 'dark'],
      ['contrast', 'contrast'],
    ]) {
      await h.page.evaluate((t) => (window as any).fakeTeams.theme(t), teams);
      await h.tab.locator(`[data-theme="${ours}"]`).waitFor();
      expect(await axeViolations(h.page), ours).to.deep.equal([]);
      await screenshot(h.page, `teams-content-${ours}`);
    }
    expect((await h.calls('appInitialization.success')).length).to.equal(1);
    expect((await h.calls('appInitialization.appLoaded')).length).to.equal(1);
    await done(h.page);
  });

  it('says sign-in failed, and who can fix it, when Teams gives no token', async () => {
    const h = await host('content', `/tab/?view=group&group=${GROUP}`, { tokenFails: 'resourceDisabled' });
    await h.tab.getByRole('heading', { level: 1, name: "PlanPulse couldn't sign you in" }).waitFor();
    expect(await h.tab.locator('main').textContent()).to.contain('Teams admin');
    await done(h.page);
  });

  for (const [reason, words] of [
    ['resourceRequiresConsent', /needs your consent.*Try again.*admin.*grant consent/],
    ['consent_required', /needs your consent/],
    ['invalid_resource', /sign-in set-up doesn't match.*Application ID URI/],
    ['resourceDisabled', /sign-in set-up doesn't match/],
    ['The host refused this request', /Teams couldn't sign you in to PlanPulse\. Select Try again.*Teams said: The host refused this request/],
  ] as const) {
    it(`getAuthToken refused with "${reason}": says what to do, tells Teams the load ended, and Try again signs in`, async () => {
      // Each theme is checked with axe on one of these.
      const theme = reason === 'resourceRequiresConsent' ? 'contrast' : reason === 'invalid_resource' ? 'dark' : 'default';
      const h = await host('content', `/tab/?view=group&group=${GROUP}`, { tokenFails: reason, theme });
      await h.tab.getByRole('heading', { level: 1, name: "PlanPulse couldn't sign you in" }).waitFor();
      expect(await h.tab.getByTestId('sign-in-problem').textContent()).to.match(words);
      // Who can fix it is said once, not again in a paragraph below the words.
      expect((await h.tab.locator('main').textContent())!.match(/ask your Teams admin/gi)).to.have.length(1);
      // Focus on the heading, so a screen reader starts at the problem.
      expect(await h.tab.locator('h1').evaluate((el) => el === document.activeElement)).to.equal(true);
      // The host hears once that loading ended with an expected failure (the page stays, with its words), and when it could show something.
      expect((await h.calls('appInitialization.appLoaded')).length).to.equal(1);
      const [[why]] = await h.calls('appInitialization.expectedFailure');
      expect(why).to.equal(/consent|resource/i.test(reason) ? 'PermissionError' : 'Other');
      expect(await h.calls('appInitialization.failure')).to.deep.equal([]);
      expect(await axeViolations(h.page)).to.deep.equal([]);
      // Teams gives a token now (consent given, set-up fixed): Try again opens the view without reloading.
      h.teams.tokenFails = undefined;
      await h.tab.getByRole('button', { name: 'Try again' }).click();
      await h.tab.getByTestId('rag-counts').waitFor();
      expect(h.tokens.length).to.be.greaterThan(0);
      await done(h.page);
    });
  }

  it('a token that expired on the way is refused by the server: the page asks Teams for another and carries on', async () => {
    // Teams hands over a token already past its expiry (beyond the server's five minutes' leeway), then good ones.
    const h = await host('content', `/tab/?view=group&group=${GROUP}`, { claims: { exp: Math.floor(Date.now() / 1000) - 900, count: 1 } });
    await h.tab.getByTestId('rag-counts').waitFor();
    expect(h.tokens.length).to.be.greaterThan(1);
    expect((await h.calls('authentication.getAuthToken')).length).to.be.greaterThan(1);
    await done(h.page);
  });

  it('a token near its expiry is not reused: each call asks Teams again, while a fresh one is reused', async () => {
    const near = await host('content', `/tab/?view=group&group=${GROUP}`, { claims: { exp: Math.floor(Date.now() / 1000) + 120, count: 100 } });
    await near.tab.getByTestId('rag-counts').waitFor();
    expect((await near.calls('authentication.getAuthToken')).length).to.be.greaterThan(1);
    await done(near.page);
    const fresh = await host('content', `/tab/?view=group&group=${GROUP}`);
    await fresh.tab.getByTestId('rag-counts').waitFor();
    expect(fresh.auth.length).to.be.greaterThan(1);
    expect((await fresh.calls('authentication.getAuthToken')).length).to.equal(1);
    await done(fresh.page);
  });

  it('a host on another origin named in TAB_HOST_ORIGINS may frame the tab and answer teams-js; its messages go to the tab only', async () => {
    const h = await host('content', `${world.base}/tab/?view=group&group=${GROUP}`, { hostOrigin: OTHER_HOST });
    await h.tab.getByTestId('rag-counts').waitFor();
    const [[, , origins]] = await h.calls('initialize');
    expect(origins).to.deep.equal([OTHER_HOST]);
    expect((await h.calls('appInitialization.success')).length).to.equal(1);
    await done(h.page);

    // The same page on an origin nobody named (localhost, not 127.0.0.1) may not frame the tab at all.
    const stranger = await host('content', `${world.base}/tab/?view=group&group=${GROUP}`, {
      hostOrigin: OTHER_HOST.replace('127.0.0.1', 'localhost'),
    });
    await stranger.page.waitForTimeout(3000);
    expect(await stranger.calls('initialize')).to.deep.equal([]);
    await done(stranger.page);
  });

  it('an old Teams that answers initialize without a runtime still gets the page; an invalid runtime gets words and Try again, not a blank frame', async () => {
    const old = await host('content', `/tab/?view=group&group=${GROUP}`, { query: { runtime: 'legacy' } });
    await old.tab.getByTestId('rag-counts').waitFor();
    expect((await old.calls('appInitialization.success')).length).to.equal(1);
    await done(old.page);

    const bad = await host('content', `/tab/?view=group&group=${GROUP}`, { query: { runtime: 'invalid' } });
    await bad.tab.getByRole('heading', { level: 1, name: "PlanPulse couldn't start" }).waitFor();
    expect(await bad.tab.locator('main').textContent()).to.match(/Received runtime config is invalid.*Try again/);
    await bad.tab.getByRole('button', { name: 'Try again' }).waitFor();
    await done(bad.page);
  });

  it('a host that answers getContext in the newer shape and replies by id alone still gets its side panel', async () => {
    const h = await host('sidePanel', `/tab/?view=group&group=${GROUP}`, { w: 280, h: 800, query: { context: 'new', uuid: 'no' } });
    await h.tab.getByTestId('side-panel').waitFor();
    expect(await h.tab.getByRole('button', { name: 'Share to stage' }).count()).to.equal(1);
    expect((await h.calls('appInitialization.success')).length).to.equal(1);
    await done(h.page);
  });

  it('configuration page: Save is allowed once a group is chosen and saves its URL, entity id and name', async () => {
    const h = await host('settings', '/tab/?view=config', { w: 720, h: 480 });
    await h.tab.getByRole('heading', { level: 1, name: /what should this tab show/ }).waitFor();
    expect(await h.calls('settings.setValidityState')).to.deep.include([false]);
    await h.tab.getByRole('radio', { name: 'A delivery group' }).check();
    await h.tab.getByLabel('Delivery group', { exact: true }).selectOption(GROUP);
    await h.page.waitForFunction(() => (window as any).fakeTeams.calls('settings.setValidityState').some((a: unknown[]) => a[0] === true));
    await screenshot(h.page, 'teams-config');
    expect(await axeViolations(h.page)).to.deep.equal([]);
    await h.page.evaluate(() => (window as any).fakeTeams.save());
    await h.page.waitForFunction(() => (window as any).fakeTeams.calls('settings.setSettings').length > 0);
    const [[saved]] = (await h.calls('settings.setSettings')) as Array<[{ contentUrl: string; entityId: string; suggestedDisplayName: string }]>;
    const group = (await world.store.loadPlan()).deliveryGroups.find((g) => g.key === GROUP)!;
    expect(saved.contentUrl).to.equal(`${world.base}/tab/?view=group&group=${GROUP}`);
    expect(saved.entityId).to.contain(GROUP);
    expect(saved.suggestedDisplayName).to.equal(`PlanPulse · ${group.name}`);
    await h.page.waitForFunction(() => (window as any).fakeTeams.calls('settings.save.success').length > 0);

    // The whole plan's board instead.
    await h.tab.getByRole('radio', { name: /whole plan/ }).check();
    await h.page.evaluate(() => (window as any).fakeTeams.save());
    await h.page.waitForFunction(() => (window as any).fakeTeams.calls('settings.setSettings').length > 1);
    const all = (await h.calls('settings.setSettings')) as Array<[{ contentUrl: string }]>;
    expect(all[all.length - 1][0].contentUrl).to.equal(`${world.base}/tab/?view=board`);
    await done(h.page);
  });

  it('reconfiguring starts from what the tab shows; a group gone from the plan is named; Save is refused with words until a choice is made', async () => {
    const group = (await world.store.loadPlan()).deliveryGroups.find((g) => g.key === GROUP)!;
    const h = await host('settings', '/tab/?view=config', { w: 720, h: 480, query: { entityId: `planpulse-group-${GROUP}` } });
    await h.tab.getByRole('heading', { level: 1, name: /what should this tab show/ }).waitFor();
    await h.tab.getByLabel('Delivery group', { exact: true }).waitFor();
    expect(await h.tab.getByRole('radio', { name: 'A delivery group' }).isChecked()).to.equal(true);
    expect(await h.tab.getByLabel('Delivery group', { exact: true }).inputValue()).to.equal(GROUP);
    await h.page.waitForFunction(() => (window as any).fakeTeams.calls('settings.setValidityState').some((a: unknown[]) => a[0] === true));
    // One save handler, however often the choice changes.
    await h.tab.getByRole('radio', { name: /whole plan/ }).check();
    await h.tab.getByRole('radio', { name: 'A delivery group' }).check();
    expect((await h.calls('registerHandler')).filter((a) => a[0] === 'save').length).to.equal(1);
    await h.page.evaluate(() => (window as any).fakeTeams.save());
    await h.page.waitForFunction(() => (window as any).fakeTeams.calls('settings.save.success').length > 0);
    const [[saved]] = (await h.calls('settings.setSettings')) as Array<
      [{ contentUrl: string; entityId: string; removeUrl: string; suggestedDisplayName: string }]
    >;
    expect(saved.contentUrl).to.equal(`${world.base}/tab/?view=group&group=${GROUP}`);
    expect(saved.removeUrl).to.equal(`${world.base}/tab/?view=remove`);
    expect(saved.suggestedDisplayName).to.equal(`PlanPulse · ${group.name}`);
    expect(saved.entityId.length).to.be.at.most(64);
    await done(h.page);

    // The tab showed a group that has since left the plan: say so, and Save stays off until another is chosen.
    const gone = await host('settings', '/tab/?view=config', {
      w: 720,
      h: 480,
      query: { saved: JSON.stringify({ contentUrl: `${world.base}/tab/?view=group&group=no-such-group`, entityId: 'x' }) },
    });
    await gone.tab.getByTestId('config-missing').waitFor();
    expect(await gone.tab.getByTestId('config-missing').textContent()).to.contain('no-such-group');
    expect((await gone.calls('settings.setValidityState')).some((a) => a[0] === true)).to.equal(false);
    await gone.page.evaluate(() => (window as any).fakeTeams.save());
    await gone.page.waitForFunction(() => (window as any).fakeTeams.calls('settings.save.failure').length > 0);
    expect(await gone.calls('settings.setSettings')).to.deep.equal([]);
    expect(await axeViolations(gone.page)).to.deep.equal([]);
    await done(gone.page);
  });

  it('reconfiguring a tab whose entityId was cut to 64 characters: the group is read from the saved contentUrl, not called gone', async () => {
    // A delivery group named after a long priority title has a key longer than the entityId can carry whole.
    const cut = `planpulse-group-${GROUP}-and-the-rest-of-a-long-priority-title`.slice(0, 64);
    const h = await host('settings', '/tab/?view=config', {
      w: 720,
      h: 480,
      query: { entityId: cut, saved: JSON.stringify({ contentUrl: `${world.base}/tab/?view=group&group=${GROUP}`, entityId: cut }) },
    });
    await h.tab.getByLabel('Delivery group', { exact: true }).waitFor();
    await h.page.waitForFunction(() => (window as any).fakeTeams.calls('settings.setValidityState').some((a: unknown[]) => a[0] === true));
    expect(await h.tab.getByLabel('Delivery group', { exact: true }).inputValue()).to.equal(GROUP);
    expect(await h.tab.getByTestId('config-missing').count()).to.equal(0);
    await done(h.page);
  });

  it('a host without pages.config: the configuration page says Teams cannot save it, rather than breaking', async () => {
    const h = await host('settings', '/tab/?view=config', { w: 720, h: 480, query: { pagesConfig: 'no' } });
    await h.tab.getByTestId('config-unsupported').waitFor();
    await h.tab.getByRole('heading', { level: 1, name: /what should this tab show/ }).waitFor();
    await done(h.page);
  });

  it('removing the tab: the removal page says nothing is deleted, needs no sign-in, and lets Teams remove it', async () => {
    const h = await host('remove', '/tab/?view=remove', { w: 720, h: 480, tokenFails: 'resourceDisabled' });
    await h.tab.getByRole('heading', { level: 1, name: 'Remove this PlanPulse tab?' }).waitFor();
    expect(await h.tab.getByTestId('remove-page').textContent()).to.contain('Nothing in the plan is deleted');
    await h.page.waitForFunction(() => (window as any).fakeTeams.calls('settings.setValidityState').some((a: unknown[]) => a[0] === true));
    expect(await h.calls('authentication.getAuthToken')).to.deep.equal([]);
    await h.page.evaluate(() => (window as any).fakeTeams.remove());
    await h.page.waitForFunction(() => (window as any).fakeTeams.calls('settings.remove.success').length > 0);
    expect((await h.calls('appInitialization.success')).length).to.equal(1);
    expect(await axeViolations(h.page)).to.deep.equal([]);
    await done(h.page);
  });

  it('sharing to the stage refused or failed: says why in words, with Try again, and never a dead button', async () => {
    // Teams says the app may not share here (an attendee, or no RSC permission).
    const no = await host('sidePanel', `/tab/?view=group&group=${GROUP}`, { w: 280, h: 800, share: 'error' });
    await no.tab.getByTestId('share-unavailable').waitFor();
    expect(await no.tab.getByTestId('share-unavailable').textContent()).to.match(/organisers and presenters/);
    expect(await no.tab.getByRole('button', { name: 'Share to stage' }).count()).to.equal(0);
    await done(no.page);

    for (const [code, words] of [
      ['1000', /only the meeting's organisers and presenters can share/],
      ['501', /can't share PlanPulse to the stage in this meeting/],
      ['500', /couldn't share to the stage just now/],
    ] as const) {
      const h = await host('sidePanel', `/tab/?view=group&group=${GROUP}`, { w: 280, h: 800, theme: 'dark', query: { shareResult: code } });
      await h.tab.getByRole('button', { name: 'Share to stage' }).click();
      await h.tab.getByTestId('share-problem').waitFor();
      expect(await h.tab.getByTestId('share-problem').textContent(), code).to.match(words);
      expect(await h.tab.getByRole('button', { name: 'Try again' }).count()).to.equal(1);
      if (code === '1000') expect(await axeViolations(h.page)).to.deep.equal([]);
      await h.tab.getByRole('button', { name: 'Try again' }).click();
      await h.page.waitForFunction(() => (window as any).fakeTeams.calls('meeting.shareAppContentToStage').length > 1);
      await done(h.page);
    }
  });

  it('the stage opened by someone who may not see the group says so, with Try again, rather than a blank stage', async () => {
    const p = await world.store.loadPlan();
    // A group in whose priorities Clare Smith leads nothing and which she does not chair.
    const clares = new Set([
      ...p.actions
        .map((a) => a.value)
        .filter((a) => a.leadKeys.includes(PEOPLE.clare.key))
        .map((a) => a.priorityRef),
      ...p.outcomes.filter((o) => o.leadKeys.includes(PEOPLE.clare.key)).map((o) => o.priorityRef),
    ]);
    const groupOf = (pr: string) => p.priorities.find((x) => x.ref === pr)?.deliveryGroupKey;
    const mine = new Set([...clares].map(groupOf));
    const other = p.deliveryGroups.find((g) => !mine.has(g.key) && g.chairLeadKey !== PEOPLE.clare.key)!;
    const h = await host('meetingStage', `/tab/?view=stage&group=${other.key}`, { w: 994, h: 678, theme: 'dark', who: PEOPLE.clare });
    await h.tab.getByTestId('stage-problem').waitFor();
    expect(await h.tab.getByTestId('stage-problem').textContent()).to.match(/can't show the group's exceptions.*Only the group's chair/);
    expect(await h.tab.getByRole('button', { name: 'Try again' }).count()).to.equal(1);
    expect(await axeViolations(h.page)).to.deep.equal([]);
    await done(h.page);
  });

  it('side panel: a compact exceptions list, and Share to stage with the stage URL when Teams allows', async () => {
    const h = await host('sidePanel', `/tab/?view=group&group=${GROUP}`, { w: 280, h: 800, theme: 'dark' });
    await h.tab.getByTestId('side-panel').waitFor();
    expect(await h.tab.locator('table').count()).to.equal(0);
    const first = h.tab.locator('[data-testid="side-panel"] li button').first();
    expect(await first.getAttribute('aria-label')).to.match(/^\d+\.\d+\.\d+, (Red|Amber|Green|Grey|Blue) – /);
    expect(await axeViolations(h.page)).to.deep.equal([]);
    await screenshot(h.page, 'teams-side-panel-dark');
    await h.tab.getByRole('button', { name: 'Share to stage' }).click();
    await h.page.waitForFunction(() => (window as any).fakeTeams.calls('meeting.shareAppContentToStage').length > 0);
    const [[url]] = (await h.calls('meeting.shareAppContentToStage')) as string[][];
    expect(url).to.equal(`${world.base}/tab/?view=stage&group=${GROUP}`);
    // An item opens its detail in the panel; Back returns to it.
    const ref = await first.getAttribute('data-ref');
    await first.click();
    await h.tab.getByRole('heading', { level: 1, name: new RegExp(`^${ref!.replace(/\./g, '\\.')} `) }).waitFor();
    await h.tab.getByRole('link', { name: /Back to/ }).click();
    await h.tab.getByTestId('side-panel').waitFor();
    await done(h.page);

    const noShare = await host('sidePanel', `/tab/?view=group&group=${GROUP}`, { w: 280, share: 'no' });
    await noShare.tab.getByTestId('side-panel').waitFor();
    expect(await noShare.tab.getByRole('button', { name: 'Share to stage' }).count()).to.equal(0);
    await done(noShare.page);
  });

  it('stage: one exception at a time, moved by the keyboard alone, with a live "n of N"', async () => {
    const h = await host('meetingStage', `/tab/?view=stage&group=${GROUP}`, { w: 994, h: 678, theme: 'dark' });
    const position = h.tab.getByTestId('stage-position');
    await position.waitFor();
    const text = (await position.textContent())!;
    const n = Number(/^1 of (\d+)$/.exec(text)![1]);
    expect(n).to.be.greaterThan(1);
    const firstItem = await h.tab.getByTestId('stage-item').textContent();
    await h.tab.locator('h1').focus();
    await h.page.keyboard.press('ArrowRight');
    await h.tab
      .getByTestId('stage-position')
      .filter({ hasText: `2 of ${n}` })
      .waitFor();
    await h.tab
      .getByTestId('live')
      .filter({ hasText: `2 of ${n}: ` })
      .waitFor();
    expect(await h.tab.getByTestId('stage-item').textContent()).to.not.equal(firstItem);
    await h.page.keyboard.press('End');
    await h.tab
      .getByTestId('stage-position')
      .filter({ hasText: `${n} of ${n}` })
      .waitFor();
    await h.page.keyboard.press('PageUp');
    await h.tab
      .getByTestId('stage-position')
      .filter({ hasText: `${n - 1} of ${n}` })
      .waitFor();
    await h.page.keyboard.press('Home');
    await h.tab
      .getByTestId('stage-position')
      .filter({ hasText: `1 of ${n}` })
      .waitFor();
    expect(await axeViolations(h.page)).to.deep.equal([]);
    await screenshot(h.page, 'teams-stage-dark');
    await done(h.page);
  });

  it('everyone in the meeting sees the same stage item: the presenter moves it, a follower follows within 3 s with their name and no move buttons', async () => {
    // A meeting of its own, so other tests' stages do not meet this one.
    const query = { meeting: 'MCMxOTpzYW1lLWl0ZW1AdGhyZWFkLnYyIzA=' };
    // Sally (the chair) shares from her side panel: the server learns from her token that she presents.
    const panel = await host('sidePanel', `/tab/?view=group&group=${GROUP}`, { w: 280, h: 800, query });
    await panel.tab.getByRole('button', { name: 'Share to stage' }).click();
    await panel.page.waitForFunction(() => (window as any).fakeTeams.calls('meeting.shareAppContentToStage').length > 0);
    await done(panel.page);

    // Two participants' copies of the stage in the same meeting: Sally's and the secretariat's.
    const presenter = await host('meetingStage', `/tab/?view=stage&group=${GROUP}`, { w: 994, h: 678, query });
    const follower = await host('meetingStage', `/tab/?view=stage&group=${GROUP}`, { w: 994, h: 678, query, who: PEOPLE.secretariat });
    await presenter.tab.getByTestId('stage-presenter').filter({ hasText: "You're presenting" }).waitFor();
    await follower.tab.getByTestId('stage-presenter').filter({ hasText: 'Shown by Sally Richardson' }).waitFor();
    const n = Number(/^1 of (\d+)$/.exec((await presenter.tab.getByTestId('stage-position').textContent())!)![1]);
    expect(n).to.be.greaterThan(2);
    await follower.tab
      .getByTestId('stage-position')
      .filter({ hasText: `1 of ${n}` })
      .waitFor();
    expect(await follower.tab.getByRole('button', { name: /Previous|Next/ }).count(), 'a follower has no move buttons').to.equal(0);
    expect(await presenter.tab.getByRole('button', { name: /Next/ }).count()).to.equal(1);

    // The presenter presses →: the follower shows the same item within 3 s, and hears it politely.
    await presenter.tab.locator('h1').focus();
    await presenter.page.keyboard.press('ArrowRight');
    const moved = Date.now();
    await presenter.tab
      .getByTestId('stage-position')
      .filter({ hasText: `2 of ${n}` })
      .waitFor();
    const item = (await presenter.tab.getByTestId('stage-item').textContent())!;
    await follower.tab
      .getByTestId('stage-position')
      .filter({ hasText: `2 of ${n}` })
      .waitFor({ timeout: 3000 });
    expect(Date.now() - moved).to.be.below(3000);
    expect(await follower.tab.getByTestId('stage-item').textContent()).to.equal(item);
    const ref = /^(\S+) /.exec(item)![1];
    await follower.tab
      .getByTestId('live')
      .filter({ hasText: `2 of ${n}: ${ref}, ` })
      .waitFor();

    // The follower's keys move nothing, here or for anyone; they can still read the item.
    await follower.tab.locator('h1').focus();
    await follower.page.keyboard.press('ArrowRight');
    await follower.page.keyboard.press('End');
    await follower.page.waitForTimeout(2000);
    expect(await follower.tab.getByTestId('stage-position').textContent()).to.equal(`2 of ${n}`);
    expect(await presenter.tab.getByTestId('stage-position').textContent()).to.equal(`2 of ${n}`);

    // axe on the follower's stage in light, dark and high contrast.
    expect(await axeViolations(follower.page), 'light').to.deep.equal([]);
    await screenshot(follower.page, 'teams-stage-follower-light');
    for (const t of ['dark', 'contrast']) {
      await follower.page.evaluate((x) => (window as any).fakeTeams.theme(x), t);
      await follower.tab.locator(`[data-theme="${t}"]`).waitFor();
      expect(await axeViolations(follower.page), t).to.deep.equal([]);
      await screenshot(follower.page, `teams-stage-follower-${t}`);
    }

    // Browsing on their own moves only their copy; following again returns to the presenter's item.
    await follower.tab.getByRole('button', { name: 'Browse on my own' }).click();
    await follower.tab.getByRole('button', { name: /Next/ }).click();
    await follower.tab
      .getByTestId('stage-position')
      .filter({ hasText: `3 of ${n}` })
      .waitFor();
    await presenter.page.waitForTimeout(2000);
    expect(await presenter.tab.getByTestId('stage-position').textContent()).to.equal(`2 of ${n}`);
    await follower.tab.getByRole('button', { name: 'Follow Sally Richardson again' }).click();
    await follower.tab
      .getByTestId('stage-position')
      .filter({ hasText: `2 of ${n}` })
      .waitFor();
    expect(await follower.tab.getByRole('button', { name: /Previous|Next/ }).count()).to.equal(0);

    // A lead of the group follows too: the same place and count, no move buttons, and only their own actions' text.
    const lead = await host('meetingStage', `/tab/?view=stage&group=${GROUP}`, { w: 994, h: 678, query, who: PEOPLE.jennifer });
    await lead.tab.getByTestId('stage-presenter').filter({ hasText: 'Shown by Sally Richardson' }).waitFor();
    await lead.tab
      .getByTestId('stage-position')
      .filter({ hasText: `2 of ${n}` })
      .waitFor();
    expect(await lead.tab.getByRole('button', { name: /Previous|Next/ }).count()).to.equal(0);
    const p = await world.store.loadPlan();
    const hers = p.actions.find((a) => a.value.ref === ref)!.value.leadKeys.includes(PEOPLE.jennifer.key);
    expect(await lead.tab.getByTestId('stage-item').textContent()).to.equal(
      hers ? item : "This one isn't among your actions, so PlanPulse shows it only to the group's chair, the secretariat and its leads.",
    );
    await done(lead.page);

    // The presenter leaves the stage: the follower keeps the item and says so.
    await presenter.tab.getByRole('link', { name: 'Help' }).click();
    await follower.tab.getByTestId('stage-ended').filter({ hasText: 'Sally Richardson stopped presenting' }).waitFor({ timeout: 5000 });
    expect(await follower.tab.getByTestId('stage-item').textContent()).to.equal(item);
    expect(await axeViolations(follower.page), 'ended').to.deep.equal([]);
    await done(presenter.page);
    await done(follower.page);
  });

  it('with Teams sign-in configured, the page opened outside Teams only says to open it in Teams', async () => {
    const context = await newContext(world);
    const page = await context.newPage();
    await page.goto(`${world.base}/tab/`);
    await page.getByRole('heading', { level: 1, name: 'Open PlanPulse in Microsoft Teams' }).waitFor();
    expect((await page.locator('main').textContent())!.trim()).to.equal('Open PlanPulse in Microsoft Teams');
    await context.close();
  });
});
