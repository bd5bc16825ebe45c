// The tab inside a fake Teams host in real Chromium: the host page frames the
// tab and answers teams-js's messages (fake-teams-host.ts), and hands the tab
// tokens signed by a fake Entra authority the server is configured to trust.
// So SSO, the theme following Teams, the configuration page, the meeting side
// panel and the stage run for real rather than being assumed.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startFakeAuthority, type FakeAuthority } from '../fakes/tab-sso';
import { axeViolations, GROUP, newContext, PEOPLE, screenshot, startTabWorld, type TabWorld } from './harness';

describe('tab inside a fake Teams host (SSO, config page, side panel, stage, themes)', function () {
  this.timeout(60_000);
  let sso: FakeAuthority;
  let world: TabWorld;
  before(async () => {
    sso = await startFakeAuthority();
    world = await startTabWorld({
      ENTRA_AUTHORITY_HOST: sso.authorityHost,
      TAB_SSO_TENANT_ID: sso.tenantId,
      TAB_SSO_CLIENT_ID: sso.clientId,
      TAB_SSO_APP_ID_URI: sso.appIdUri,
    });
  });
  after(async () => {
    await world?.close();
    await sso?.close();
  });

  /** Opens the fake host framing `src` in frame context `fc`, signed in (by token) as `who`. */
  async function host(
    fc: string,
    src: string,
    opts: { who?: { oid: string; name: string }; theme?: string; w?: number; h?: number; share?: 'no'; tokenFails?: boolean } = {},
  ) {
    const context = await newContext(world);
    const page = await context.newPage();
    const who = opts.who ?? PEOPLE.sally;
    const tokens: string[] = [];
    await page.exposeFunction('fakeTeamsToken', async () => {
      if (opts.tokenFails) throw new Error('resourceDisabled');
      const t = await sso.signToken({ oid: who.oid, name: who.name });
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
    await page.goto(`${world.base}/__fake-teams/host.html?${q}`);
    const tab = page.frameLocator('iframe[title="PlanPulse"]');
    return {
      page,
      tab,
      tokens,
      auth,
      calls: (func: string) => page.evaluate((f) => (window as any).fakeTeams.calls(f), func) as Promise<unknown[][]>,
    };
  }
  const done = (page: Page) => page.context().close();

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
    await done(h.page);
  });

  it('says sign-in failed, and who can fix it, when Teams gives no token', async () => {
    const h = await host('content', `/tab/?view=group&group=${GROUP}`, { tokenFails: true });
    await h.tab.getByRole('heading', { level: 1, name: "PlanPulse couldn't sign you in" }).waitFor();
    expect(await h.tab.locator('main').textContent()).to.contain('Teams admin');
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

  it('with Teams sign-in configured, the page opened outside Teams only says to open it in Teams', async () => {
    const context = await newContext(world);
    const page = await context.newPage();
    await page.goto(`${world.base}/tab/`);
    await page.getByRole('heading', { level: 1, name: 'Open PlanPulse in Microsoft Teams' }).waitFor();
    expect((await page.locator('main').textContent())!.trim()).to.equal('Open PlanPulse in Microsoft Teams');
    await context.close();
  });
});
