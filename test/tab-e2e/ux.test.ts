// The tab's finer points in real Chromium (tab-design.md): sortable headers,
// My actions by delivery group, the board's trend in words and its Red list,
// the Help link on every view, loading and refresh states, and the stage's
// "Updated during this meeting" and end card.
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { RAG_MEANING } from '../../core/rag';
import { compareRefs } from '../../core/refs';
import { takeMonthSnapshot } from '../../core/snapshots';
import { updateActionStatus } from '../../core/update-action';
import { GROUP, newContext, NOW, PEOPLE, plan, startTabWorld, type TabWorld } from './harness';

describe('tab in the browser: sorting, grouping, help, loading and the stage', function () {
  this.timeout(60_000);
  let world: TabWorld;
  before(async () => {
    world = await startTabWorld();
  });
  after(async () => world?.close());

  async function open(person: string | undefined, url: string, width = 1280, height = 900): Promise<Page> {
    const context = await newContext(world, { person, width, height });
    const page = await context.newPage();
    await page.goto(`${world.base}${url}`);
    return page;
  }
  const done = (page: Page) => page.context().close();
  const refsShown = (table: Locator) => table.locator('tbody tr[data-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')!));

  it('sorts the group table by Ref (naturally), Due and Status from the keyboard, with aria-sort', async () => {
    const page = await open(PEOPLE.sally.key, `/tab/?view=group&group=${GROUP}`);
    await page.getByRole('tab', { name: /All actions/ }).click();
    await page.locator('main h2').first().waitFor();
    const table = page.locator('main table').first();
    const header = (name: string) => table.locator(`th[data-sort="${name}"]`);
    for (const k of ['ref', 'due', 'status']) expect(await header(k).getAttribute('aria-sort'), k).to.equal('none');

    // Keyboard: focus the Ref header's button and press Enter, then Space to reverse.
    await header('ref').getByRole('button', { name: 'Ref' }).focus();
    await page.keyboard.press('Enter');
    expect(await header('ref').getAttribute('aria-sort')).to.equal('ascending');
    const asc = await refsShown(table);
    expect(asc).to.deep.equal([...asc].sort(compareRefs));
    await page.keyboard.press('Space');
    expect(await header('ref').getAttribute('aria-sort')).to.equal('descending');
    expect(await refsShown(table)).to.deep.equal([...asc].reverse());

    // Status: most serious first; the Ref header is no longer the sorted one.
    await header('status').getByRole('button').click();
    expect(await header('status').getAttribute('aria-sort')).to.equal('ascending');
    expect(await header('ref').getAttribute('aria-sort')).to.equal('none');
    const p = await plan(world);
    const severity = ['Red', 'Amber', 'Green', 'Blue', 'Grey'];
    const ragOf = (ref: string) => p.actions.find((a) => a.value.ref === ref)!.value.rag;
    const byStatus = (await refsShown(table)).map((r) => severity.indexOf(ragOf(r)));
    expect(byStatus).to.deep.equal([...byStatus].sort((a, b) => a - b));

    // Due: earliest first, undated last.
    await header('due').getByRole('button').click();
    const dueOf = (ref: string) => p.actions.find((a) => a.value.ref === ref)!.value.dueDate ?? '9999';
    const dues = (await refsShown(table)).map(dueOf);
    expect(dues).to.deep.equal([...dues].sort());

    // The button fills its header cell (a target of at least 24 px either way).
    const cell = await header('due').boundingBox();
    const button = await header('due').getByRole('button').boundingBox();
    expect(button!.width).to.be.at.least(cell!.width - 1);
    expect(button!.height).to.be.at.least(24);
    await done(page);
  });

  it("groups a lead's actions by delivery group, an h2 each, most urgent first within each", async () => {
    const page = await open(PEOPLE.jennifer.key, '/tab/?view=my-actions');
    await page.getByTestId('my-count').waitFor();
    const p = await plan(world);
    const mine = p.actions.map((a) => a.value).filter((a) => a.leadKeys.includes(PEOPLE.jennifer.key) || a.delegateKey === PEOPLE.jennifer.key);
    const groupsOfMine = new Set(mine.map((a) => p.priorities.find((x) => x.ref === a.priorityRef)!.deliveryGroupKey));
    const sections = page.locator('section[data-group]');
    expect(await sections.count()).to.equal(groupsOfMine.size);
    let seen = 0;
    for (const key of groupsOfMine) {
      const section = page.locator(`section[data-group="${key}"]`);
      const name = p.deliveryGroups.find((g) => g.key === key)!.name;
      const inGroup = mine.filter((a) => p.priorities.find((x) => x.ref === a.priorityRef)!.deliveryGroupKey === key);
      expect(await section.getByRole('heading', { level: 2 }).textContent()).to.equal(`${name} (${inGroup.length})`);
      const items = section.locator('li[data-row]');
      expect(await items.count()).to.equal(inGroup.length);
      seen += inGroup.length;
      // Those needing an update come before those that do not.
      const needs = await items.evaluateAll((els) => els.map((e) => (e.textContent ?? '').includes('Needs your update')));
      expect(needs).to.deep.equal([...needs].sort((a, b) => Number(b) - Number(a)));
    }
    expect(seen).to.equal(mine.length);
    await done(page);
  });

  it('keeps a Help link in the same place on every view, opening a help page served by the tab', async () => {
    const page = await open(PEOPLE.sally.key, `/tab/?view=group&group=${GROUP}`);
    const views: Array<[string, string, () => Promise<unknown>]> = [
      ['group', `/tab/?view=group&group=${GROUP}`, () => page.getByTestId('rag-counts').waitFor()],
      ['action', `/tab/?view=group&group=${GROUP}#/action/1.1.7`, () => page.getByTestId('slippage').waitFor()],
      ['board', '/tab/?view=board', () => page.getByTestId('board-table').waitFor()],
      ['my-actions', '/tab/?view=my-actions', () => page.getByTestId('my-count').waitFor()],
      ['config', '/tab/?view=config', () => page.getByRole('radio', { name: /A delivery group/ }).waitFor()],
      ['help', '/tab/?view=help', () => page.getByTestId('help').waitFor()],
    ];
    const places: string[] = [];
    for (const [name, url, ready] of views) {
      await page.goto('about:blank');
      await page.goto(`${world.base}${url}`);
      await ready();
      // First in main, so it is also first in the reading and tab order of every view.
      const first = await page.evaluate(() => document.querySelector('main a, main button, main h1')?.textContent);
      expect(first, name).to.equal('Help');
      const box = (await page.getByTestId('help-link').getByRole('link', { name: 'Help' }).boundingBox())!;
      places.push(`${Math.round(box.x)},${Math.round(box.y)}`);
    }
    expect(new Set(places).size, places.join(' ')).to.equal(1);

    // The help page: each status in core's words, how to update, who to ask; Back returns.
    await page.goto(`${world.base}/tab/?view=board`);
    await page.getByTestId('board-table').waitFor();
    await page.getByTestId('help-link').getByRole('link', { name: 'Help' }).click();
    await page.getByRole('heading', { level: 1, name: 'Help with PlanPulse' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).to.equal('H1');
    expect(await page.getByTestId('help-link').getByRole('link').getAttribute('aria-current')).to.equal('page');
    const statuses = await page.locator('[data-testid="help-statuses"] tbody tr').allTextContents();
    for (const [rag, meaning] of Object.entries(RAG_MEANING)) expect(statuses.join('\n'), rag).to.contain(rag).and.to.contain(meaning);
    for (const h of ['How to update an action', 'Who to ask']) await page.getByRole('heading', { level: 2, name: h }).waitFor();
    await page.getByRole('link', { name: '← Back' }).click();
    await page.getByTestId('board-table').waitFor();
    expect(new URL(page.url()).searchParams.get('view')).to.equal('board');

    // The side panel and the stage have it too, first in their main.
    for (const frame of ['Side panel', 'Stage']) {
      await page.goto(`${world.base}/tab/?view=group&group=${GROUP}`);
      await page.getByRole('tab', { name: frame }).click();
      await page.getByTestId(frame === 'Stage' ? 'stage' : 'side-panel').waitFor();
      expect(await page.evaluate(() => document.querySelector('main a, main button, main h1')?.textContent), frame).to.equal('Help');
    }
    await done(page);
  });

  it('shows the board the change since a chosen month as signed numbers, and the Reds only to those who may see them', async () => {
    const toRed = async (ref: string, at: string) =>
      updateActionStatus(
        { store: world.store, now: () => new Date(at) },
        {
          identity: { aadObjectId: PEOPLE.secretariat.oid, name: PEOPLE.secretariat.name },
          ref,
          report: { rag: 'Red', newDueDate: '2023-09-30', commentary: `Slipped: ${ref}.` },
          source: 'tab',
        },
      );
    // February's snapshot, then a Red in priority 2, March's snapshot, then another Red in priority 2.
    expect((await takeMonthSnapshot(world.store, new Date(NOW), '2023-02')).taken).to.equal(true);
    await toRed('2.1.1', '2023-03-25T10:00:00Z');
    expect((await takeMonthSnapshot(world.store, new Date(NOW), '2023-03')).taken).to.equal(true);
    await toRed('2.1.2', '2023-04-02T10:00:00Z');
    const p = await plan(world);
    const reds2 = p.actions.filter((a) => a.value.priorityRef === '2' && a.value.rag === 'Red').length;

    const page = await open(PEOPLE.secretariat.key, '/tab/?view=board');
    await page.getByTestId('board-table').waitFor();
    const row2 = page.locator('tr[data-priority="2"]');
    // Against March (the latest snapshot, by default): one more Red, one fewer of what 2.1.2 was.
    expect(await row2.locator('[data-cell="Red"]').textContent()).to.equal(String(reds2));
    expect(await row2.locator('[data-change="Red"]').textContent()).to.equal(' (+1)');
    expect(await page.getByTestId('change-sentence').textContent()).to.match(/^Since 31 Mar 2023: Red up 1, \w+ down 1; /);
    // Against February: two more Reds.
    await page.getByLabel('Compared with the month-end snapshot of').selectOption('2023-02');
    await row2.locator('[data-change="Red"]').filter({ hasText: '(+2)' }).waitFor();
    expect(await page.getByTestId('change-sentence').textContent()).to.match(/^Since 28 Feb 2023: Red up 2/);
    const tableText = (await page.getByTestId('board-table').textContent()) ?? '';
    expect(tableText).to.not.match(/[▲▼↑↓]/);
    expect(tableText).to.contain('(0)');

    // The secretariat sees every Red, with the lead's words, each opening its action.
    const allReds = p.actions.filter((a) => a.value.rag === 'Red').map((a) => a.value.ref);
    expect(await page.locator('[data-red]').evaluateAll((els) => els.map((e) => e.getAttribute('data-red')))).to.have.members(allReds);
    expect(await page.locator('[data-red="2.1.2"]').textContent()).to.contain('“Slipped: 2.1.2.”');
    await page.locator('[data-red="2.1.2"] a[data-ref="2.1.2"]').click();
    await page.getByRole('heading', { level: 1, name: /^2\.1\.2 / }).waitFor();
    await done(page);

    // A board member sees only how many: no action, no commentary.
    const lead = { key: 'bola-board', displayName: 'Bola Board', aliases: [], isBoardMember: true };
    await world.store.saveLead(lead);
    const board = await open(lead.key, '/tab/?view=board');
    await board.getByTestId('board-reds').waitFor();
    expect(await board.locator('[data-red]').count()).to.equal(0);
    expect(await board.getByTestId('reds-not-shown').textContent()).to.contain(`${allReds.length} actions are Red.`);
    expect(await board.getByTestId('board-reds').textContent()).to.not.contain('Slipped');
    await done(board);
  });

  it('the stage marks an item updated during the meeting and ends with a card after the last exception', async () => {
    const page = await open(PEOPLE.sally.key, `/tab/?view=stage&group=${GROUP}`, 994, 678);
    const position = page.getByTestId('stage-position');
    await position.waitFor();
    const n = Number(/^1 of (\d+)$/.exec((await position.textContent())!)![1]);
    expect(n).to.be.greaterThan(2);
    expect(await page.getByTestId('stage-updated').count(), 'nothing has changed since the stage opened').to.equal(0);
    await page.keyboard.press('ArrowRight');
    await position.filter({ hasText: `2 of ${n}` }).waitFor();
    const second = /^(\d+\.\d+\.\d+) /.exec((await page.getByTestId('stage-item').textContent())!)![1];
    expect(await page.getByTestId('stage-updated').count()).to.equal(0);

    // The lead updates the second item while the meeting is on (after the stage opened at "now").
    await updateActionStatus(
      { store: world.store, now: () => new Date(new Date(NOW).getTime() + 20 * 60_000) },
      {
        identity: { aadObjectId: PEOPLE.secretariat.oid, name: PEOPLE.secretariat.name },
        ref: second,
        report: { rag: 'Green', commentary: 'Sorted in the meeting.' },
        source: 'tab',
      },
    );
    await page.keyboard.press('ArrowRight');
    await position.filter({ hasText: `3 of ${n}` }).waitFor();
    await page.keyboard.press('ArrowLeft');
    await position.filter({ hasText: `2 of ${n}` }).waitFor();
    // Still in its frozen place, now showing what changed, and marked in words.
    await page.getByTestId('stage-updated').filter({ hasText: 'Updated during this meeting' }).waitFor();
    expect(await page.getByTestId('stage').textContent()).to.contain('Sorted in the meeting.');
    expect(await page.locator('[data-testid="stage"] [data-rag="Green"]').count()).to.equal(1);
    await page.keyboard.press('ArrowRight');
    await position.filter({ hasText: `3 of ${n}` }).waitFor();
    expect(await page.getByTestId('stage-updated').count(), 'only the item that changed').to.equal(0);

    // End is the last exception; Next from there is the end card, announced; Previous comes back.
    await page.keyboard.press('End');
    await position.filter({ hasText: `${n} of ${n}` }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page
      .getByTestId('stage-end')
      .filter({ hasText: `That's all ${n} exceptions.` })
      .waitFor();
    await page
      .getByTestId('live')
      .filter({ hasText: `That's all ${n} exceptions.` })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Next ▶' }).isDisabled()).to.equal(true);
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('stage-end').count()).to.equal(1);
    await page.keyboard.press('ArrowLeft');
    await position.filter({ hasText: `${n} of ${n}` }).waitFor();
    await done(page);
  });

  it('shows skeleton rows and one status line while loading, "Updating…" on refresh, and what it still shows when the server is unreachable', async () => {
    const context = await newContext(world, { person: PEOPLE.sally.key });
    const page = await context.newPage();
    let release: () => void = () => undefined;
    let mode: 'hold' | 'pass' | 'fail' = 'hold';
    await page.route('**/api/tab/groups/**', async (route) => {
      if (mode === 'fail') return route.abort('connectionrefused');
      if (mode === 'hold') await new Promise<void>((r) => (release = r));
      return route.fallback();
    });
    await page.goto(`${world.base}/tab/?view=group&group=${GROUP}`);
    const name = (await plan(world)).deliveryGroups.find((g) => g.key === GROUP)!.name;
    await page
      .getByRole('status')
      .filter({ hasText: `Loading ${name}…` })
      .waitFor();
    expect(await page.getByTestId('skeleton').getAttribute('aria-hidden')).to.equal('true');
    expect(await page.getByRole('status').filter({ hasText: 'Loading' }).count(), 'one status line').to.equal(1);
    release();
    await page.getByTestId('rag-counts').waitFor();
    expect(await page.getByTestId('skeleton').count()).to.equal(0);

    // A refresh (the tab shown again) keeps the data on screen and says "Updating…".
    mode = 'hold';
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.getByTestId('refresh-status').filter({ hasText: 'Updating…' }).waitFor();
    expect(await page.getByTestId('rag-counts').isVisible()).to.equal(true);
    mode = 'pass';
    release();
    await page.getByTestId('refresh-status').filter({ hasText: /^$/ }).waitFor();

    // The server unreachable: the last data stays, with when it tried, when the data is from, and Try again.
    mode = 'fail';
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const failed = page.getByTestId('refresh-failed');
    await failed.waitFor();
    expect(await failed.textContent()).to.match(/Couldn't refresh at \d\d:\d\d – showing data from \d\d:\d\d\./);
    expect(await page.locator('[data-count="Red"]').isVisible()).to.equal(true);
    mode = 'pass';
    await failed.getByRole('button', { name: 'Try again' }).click();
    await failed.waitFor({ state: 'detached' });
    expect(await page.getByTestId('rag-counts').isVisible()).to.equal(true);
    await context.close();
  });

  it("filters by lead from a labelled list of the group's leads, and back to Anyone", async () => {
    const page = await open(PEOPLE.sally.key, `/tab/?view=group&group=${GROUP}`);
    await page.getByRole('tab', { name: /All actions/ }).click();
    await page.locator('main h2').first().waitFor();
    const p = await plan(world);
    const mine = p.actions.map((a) => a.value).filter((a) => a.priorityRef === '1' && a.leadKeys.includes(PEOPLE.jennifer.key));
    const all = p.actions.filter((a) => a.value.priorityRef === '1').length;
    const lead = page.getByRole('combobox', { name: 'Lead' });
    const offered = await lead.locator('option').allTextContents();
    expect(offered[0]).to.equal('Anyone');
    expect(offered).to.include('Jennifer Ashton');
    await lead.selectOption({ label: 'Jennifer Ashton' });
    await page
      .getByTestId('showing')
      .filter({ hasText: `Showing ${mine.length} of ${all} actions` })
      .waitFor();
    const shown = await page.locator('tbody tr[data-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row') ?? ''));
    expect(shown.sort(compareRefs)).to.deep.equal(mine.map((a) => a.ref).sort(compareRefs));
    await lead.selectOption({ label: 'Anyone' });
    await page
      .getByTestId('showing')
      .filter({ hasText: `Showing ${all} of ${all} actions` })
      .waitFor();
    await done(page);
  });
});
