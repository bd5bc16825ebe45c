// axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every view of the tab, in the
// light, dark and high-contrast themes, with a screenshot of each.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { axeViolations, GROUP, newContext, PEOPLE, screenshot, startTabWorld, type TabWorld, type Theme } from './harness';

interface ViewCase {
  name: string;
  person?: string;
  url: string;
  /** Brings the view up once the page has loaded. */
  ready(page: Page): Promise<unknown>;
}

const VIEWS: ViewCase[] = [
  { name: 'local-sign-in', url: '/tab/', ready: (p) => p.getByRole('heading', { level: 1, name: /Local sign-in/ }).waitFor() },
  {
    name: 'group-exceptions',
    person: PEOPLE.sally.key,
    url: `/tab/?view=group&group=${GROUP}`,
    ready: (p) => p.locator('tbody tr[data-row]').first().waitFor(),
  },
  {
    name: 'group-all-actions',
    person: PEOPLE.sally.key,
    url: `/tab/?view=group&group=${GROUP}`,
    ready: async (p) => {
      await p.getByRole('tab', { name: /All actions/ }).click();
      await p.locator('main h2').first().waitFor();
    },
  },
  {
    name: 'group-kpis',
    person: PEOPLE.sally.key,
    url: `/tab/?view=group&group=${GROUP}`,
    ready: async (p) => {
      await p.getByRole('tab', { name: 'KPIs' }).click();
      await p.getByTestId('kpi-table').waitFor();
      await p
        .getByRole('button', { name: /Record a measurement/ })
        .first()
        .click();
      await p.getByLabel('Value (required)').waitFor();
    },
  },
  {
    name: 'action-detail',
    person: PEOPLE.sally.key,
    url: `/tab/?view=group&group=${GROUP}#/action/1.1.7`,
    ready: (p) => p.getByTestId('slippage').waitFor(),
  },
  {
    name: 'update-form',
    person: PEOPLE.jennifer.key,
    url: '/tab/?view=my-actions#/action/1.2.2',
    ready: async (p) => {
      await p.getByRole('button', { name: 'Update' }).click();
      await p.getByRole('radio', { name: /^Red/ }).check();
      await p.getByRole('button', { name: 'Save update' }).click();
      await p.getByTestId('error-summary').waitFor();
    },
  },
  { name: 'board', person: PEOPLE.secretariat.key, url: '/tab/?view=board', ready: (p) => p.getByTestId('board-table').waitFor() },
  { name: 'my-actions', person: PEOPLE.jennifer.key, url: '/tab/?view=my-actions', ready: (p) => p.getByTestId('my-count').waitFor() },
  { name: 'help', person: PEOPLE.sally.key, url: '/tab/?view=help', ready: (p) => p.getByTestId('help-statuses').waitFor() },
  {
    name: 'group-sorted',
    person: PEOPLE.sally.key,
    url: `/tab/?view=group&group=${GROUP}`,
    ready: async (p) => {
      await p.locator('th[data-sort="due"]').getByRole('button').click();
      await p.locator('th[data-sort="due"][aria-sort="ascending"]').waitFor();
    },
  },
  {
    name: 'stage-end',
    person: PEOPLE.sally.key,
    url: `/tab/?view=stage&group=${GROUP}`,
    ready: async (p) => {
      await p.getByTestId('stage-position').waitFor();
      await p.keyboard.press('End');
      await p.keyboard.press('ArrowRight');
      await p.getByTestId('stage-end').waitFor();
    },
  },
  { name: 'config', person: PEOPLE.sally.key, url: '/tab/?view=config', ready: (p) => p.getByRole('radio', { name: /A delivery group/ }).check() },
  {
    name: 'side-panel-preview',
    person: PEOPLE.sally.key,
    url: `/tab/?view=group&group=${GROUP}`,
    ready: async (p) => {
      await p.getByRole('tab', { name: 'Side panel' }).click();
      await p.getByTestId('side-panel').waitFor();
    },
  },
  {
    name: 'stage-preview',
    person: PEOPLE.sally.key,
    url: `/tab/?view=group&group=${GROUP}`,
    ready: async (p) => {
      await p.getByRole('tab', { name: 'Stage' }).click();
      await p.getByTestId('stage-position').waitFor();
    },
  },
];

describe('tab accessibility: axe on every view in light, dark and high contrast', function () {
  // 14 views × 3 themes on a shared 2-core machine.
  this.timeout(240_000);
  let world: TabWorld;
  before(async () => {
    world = await startTabWorld();
  });
  after(async () => world?.close());

  /** Every view in one theme: the violations found, by view. */
  async function checkTheme(theme: Theme): Promise<string[]> {
    const found: string[] = [];
    // One context per person, reused across that person's views.
    const pages = new Map<string, Page>();
    try {
      for (const view of VIEWS) {
        const who = view.person ?? '';
        if (!pages.has(who)) pages.set(who, await (await newContext(world, { person: view.person, theme })).newPage());
        const page = pages.get(who)!;
        await page.goto('about:blank');
        await page.goto(`${world.base}${view.url}`);
        await view.ready(page);
        expect(await page.locator('[data-theme]').first().getAttribute('data-theme'), view.name).to.equal(theme);
        for (const v of await axeViolations(page, false)) found.push(`${theme} ${view.name}: ${v}`);
        await screenshot(page, `${view.name}-${theme}`, false);
      }
    } finally {
      for (const page of pages.values()) await page.context().close();
    }
    return found;
  }

  // The three themes run side by side (Chromium has a process per page), to keep the run short.
  const themes: Theme[] = ['light', 'dark', 'contrast'];
  let results: Promise<PromiseSettledResult<string[]>[]>;
  before(() => {
    results = Promise.allSettled(themes.map(checkTheme));
  });
  themes.forEach((theme, i) => {
    it(`finds no WCAG 2.2 AA violations in the ${theme} theme`, async () => {
      const r = (await results)[i];
      if (r.status === 'rejected') throw r.reason;
      expect(r.value, r.value.join('\n')).to.deep.equal([]);
    });
  });
});
