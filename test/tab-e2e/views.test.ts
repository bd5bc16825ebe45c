// The tab in real Chromium, outside Teams on the embedded default (local
// sign-in): each view shows the plan's numbers for Improving Outcomes
// (priority 1), updates and sign-off go through, a lead cannot change someone
// else's action, and a narrow frame reflows to a stacked list.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { takeMonthSnapshot } from '../../core/snapshots';
import { updateActionStatus } from '../../core/update-action';
import { actionsOf, GROUP, newContext, NOW, PEOPLE, plan, PRIORITY, ragCounts, screenshot, startTabWorld, type TabWorld } from './harness';

describe('tab in the browser: local sign-in and the views', function () {
  this.timeout(60_000);
  let world: TabWorld;
  before(async () => {
    world = await startTabWorld();
  });
  after(async () => world?.close());

  async function open(person: string | undefined, url: string, width = 1280): Promise<Page> {
    const context = await newContext(world, { person, width });
    const page = await context.newPage();
    await page.goto(`${world.base}${url}`);
    return page;
  }
  const done = (page: Page) => page.context().close();

  it('opens on a local sign-in page, then shows the chosen person on every view', async () => {
    const page = await open(undefined, '/tab/');
    await page.getByRole('heading', { level: 1, name: 'Local sign-in – this computer only, not Teams sign-in' }).waitFor();
    await screenshot(page, 'local-sign-in');
    const options = await page.locator('select option').allTextContents();
    expect(options.some((o) => o.startsWith('Sally Richardson'))).to.equal(true);
    await page.getByLabel('Sign in as (required)').selectOption(PEOPLE.sally.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('local-bar').waitFor();
    expect(await page.getByTestId('local-bar').textContent()).to.contain('Local sign-in: you are Sally Richardson');
    // A chair lands on the group they chair, with focus on its h1.
    const group = (await plan(world)).deliveryGroups.find((g) => g.key === GROUP)!;
    await page.getByRole('heading', { level: 1, name: group.name }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).to.equal('H1');
    await page.getByRole('button', { name: 'Switch person' }).click();
    await page.getByRole('heading', { level: 1, name: /Local sign-in/ }).waitFor();
    await done(page);
  });

  it('shows the group its RAG counts, exceptions first, every outcome under All actions, and the key', async () => {
    const page = await open(PEOPLE.sally.key, `/tab/?view=group&group=${GROUP}`);
    await page.getByTestId('rag-counts').waitFor();
    const p = await plan(world);
    const actions = actionsOf(p, PRIORITY);
    const counts = ragCounts(actions);
    for (const rag of ['Red', 'Amber', 'Green', 'Blue', 'Grey']) {
      expect(await page.locator(`[data-count="${rag}"]`).textContent(), rag).to.equal(`${rag} ${counts[rag]}`);
    }
    // Every Red and Amber action is an exception.
    const exceptionRefs = await page.locator('tbody tr[data-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')));
    for (const a of actions.filter((x) => x.rag === 'Red' || x.rag === 'Amber')) expect(exceptionRefs).to.include(a.ref);
    expect(await page.getByTestId('rag-key').textContent()).to.contain('Amber likely to miss its deadline');
    await screenshot(page, 'group-exceptions');

    // Filtering by a count says how many are shown, in the live region too.
    await page.locator('[data-count="Red"]').click();
    const reds = actions.filter((a) => a.rag === 'Red').length;
    await page
      .getByTestId('showing')
      .filter({ hasText: `Showing ${reds} of ${exceptionRefs.length} actions` })
      .waitFor();
    await page
      .getByTestId('live')
      .filter({ hasText: `Showing ${reds} of` })
      .waitFor();
    expect(await page.locator('[data-count="Red"]').getAttribute('aria-pressed')).to.equal('true');
    await page.getByRole('button', { name: 'Clear filters' }).click();

    await page.getByRole('tab', { name: /All actions/ }).click();
    const outcomes = p.outcomes.filter((o) => o.priorityRef === PRIORITY);
    expect(await page.locator('main h2').count()).to.equal(outcomes.length);
    expect(await page.locator('tbody tr[data-row]').count()).to.equal(actions.length);
    await screenshot(page, 'group-all-actions');

    await page.getByRole('tab', { name: 'KPIs' }).click();
    await page.getByTestId('kpi-table').waitFor();
    expect(await page.locator('[data-kpi]').count()).to.equal(p.kpis.filter((k) => k.priorityRef === PRIORITY).length);
    await screenshot(page, 'group-kpis');
    await done(page);
  });

  it("tells an action's story and Back returns focus to its row", async () => {
    const page = await open(PEOPLE.sally.key, `/tab/?view=group&group=${GROUP}`);
    await page.locator('a[data-ref="1.1.7"]').click();
    await page.getByRole('heading', { level: 1, name: /^1\.1\.7 / }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.match(/^1\.1\.7 /);
    expect(await page.getByTestId('action-status').textContent()).to.contain('Red');
    const ledger = await page.locator('[data-testid="slippage"] tbody tr').allTextContents();
    const action = (await world.store.getAction('1.1.7'))!.value;
    expect(ledger.join('\n')).to.contain('30 Jun 2023');
    expect(ledger.length).to.be.greaterThan(1);
    expect(await page.locator('[data-testid="history"] li').count()).to.be.greaterThan(0);
    expect(action.rag).to.equal('Red');
    await screenshot(page, 'action-detail');
    await page.getByRole('link', { name: /Back to/ }).click();
    await page.getByTestId('rag-counts').waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-ref') === '1.1.7');
    await done(page);
  });

  it("a lead updates their action: the server's own refusal first, then the chair sees the new status", async () => {
    const page = await open(PEOPLE.jennifer.key, '/tab/?view=my-actions#/action/1.1.3');
    await page.getByRole('heading', { level: 1, name: /^1\.1\.3 / }).waitFor();
    await page.getByRole('button', { name: 'Update' }).click();
    await page.getByRole('radio', { name: /^Red/ }).check();
    await page.getByLabel(/What has happened/).fill('Staff shortage in March.');
    await page.getByRole('button', { name: 'Save update' }).click();
    // Red without a new date: core's words, word for word, and what was typed is kept.
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).to.contain('There is a problem');
    expect(await page.evaluate(() => document.title)).to.match(/^Error: /);
    expect(await page.getByLabel(/What has happened/).inputValue()).to.equal('Staff shortage in March.');
    await screenshot(page, 'update-form-error');
    expect((await world.store.getAction('1.1.3'))!.value.rag).to.equal('Grey');

    await page.getByLabel(/New completion date/).fill('2023-07-31');
    await page.getByRole('button', { name: 'Save update' }).click();
    await page.getByTestId('live').filter({ hasText: '1.1.3' }).waitFor();
    await page.locator('[data-testid="action-status"] [data-rag="Red"]').waitFor();
    const saved = (await world.store.getAction('1.1.3'))!.value;
    expect(saved.rag).to.equal('Red');
    expect(saved.dueDate).to.equal('2023-07-31');
    await done(page);

    const chair = await open(PEOPLE.sally.key, `/tab/?view=group&group=${GROUP}`);
    const row = chair.locator('tr[data-row="1.1.3"]');
    await row.waitFor();
    expect(await row.locator('[data-rag]').first().getAttribute('data-rag')).to.equal('Red');
    expect(await row.textContent()).to.contain('31 Jul 2023');
    await done(chair);
  });

  it('keeps what the lead typed when someone else saved first, and shows what changed', async () => {
    const page = await open(PEOPLE.jennifer.key, '/tab/?view=my-actions#/action/1.1.6');
    await page.getByRole('heading', { level: 1, name: /^1\.1\.6 / }).waitFor();
    await page.getByRole('button', { name: 'Update' }).click();
    await page.getByRole('radio', { name: /^Amber/ }).check();
    await page.getByLabel(/What has happened/).fill('Two schools still to reply.');
    // Meanwhile the secretariat updates the same action.
    await updateActionStatus(
      { store: world.store, now: () => new Date('2023-04-03T08:30:00Z') },
      {
        identity: { aadObjectId: PEOPLE.secretariat.oid, name: PEOPLE.secretariat.name },
        ref: '1.1.6',
        report: { rag: 'Green', commentary: 'Chased by the secretariat.' },
        source: 'tab',
      },
    );
    await page.getByRole('button', { name: 'Save update' }).click();
    await page.getByTestId('conflict').waitFor();
    expect(await page.getByLabel(/What has happened/).inputValue()).to.equal('Two schools still to reply.');
    expect((await world.store.getAction('1.1.6'))!.value.commentary).to.equal('Chased by the secretariat.');
    await screenshot(page, 'update-form-conflict');
    await page.getByRole('button', { name: 'Review and save again' }).click();
    await page.locator('[data-testid="action-status"] [data-rag="Amber"]').waitFor();
    expect((await world.store.getAction('1.1.6'))!.value.commentary).to.equal('Two schools still to reply.');
    await done(page);
  });

  it('a chair signs off a reported completion and sees it turn Blue', async () => {
    const before = (await world.store.getAction('1.2.3'))!.value;
    expect(before.completionReportedAt, 'seeded as reported complete').to.be.a('string');
    const page = await open(PEOPLE.sally.key, `/tab/?view=group&group=${GROUP}#/action/1.2.3`);
    await page.getByRole('heading', { level: 2, name: "Chair's sign-off" }).waitFor();
    await screenshot(page, 'sign-off');
    await page.getByRole('button', { name: 'Sign off as complete' }).click();
    await page.locator('[data-testid="action-status"] [data-rag="Blue"]').waitFor();
    expect((await world.store.getAction('1.2.3'))!.value.rag).to.equal('Blue');
    await page.getByTestId('live').filter({ hasText: '1.2.3' }).waitFor();
    await done(page);
  });

  it("a lead cannot change someone else's action, in the page or by calling the API from it", async () => {
    const before = await world.store.getAction('1.1.4');
    const page = await open(PEOPLE.jennifer.key, '/tab/?view=my-actions#/action/1.1.4');
    await page.getByRole('link', { name: /Back to/ }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('button', { name: 'Update' }).count()).to.equal(0);
    const status = await page.evaluate(
      async ([etag]) => {
        const r = await fetch('/api/tab/actions/1.1.4/update', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: 'Local jennifer-ashton' },
          body: JSON.stringify({ etag, rag: 'Green', commentary: 'Not mine to change.' }),
        });
        return r.status;
      },
      [before!.etag],
    );
    expect(status).to.equal(403);
    expect((await world.store.getAction('1.1.4'))!.etag).to.equal(before!.etag);
    await done(page);
  });

  it("shows a lead's own actions across groups in My actions", async () => {
    const page = await open(PEOPLE.jennifer.key, '/tab/?view=my-actions');
    await page.getByTestId('my-count').waitFor();
    const mine = (await plan(world)).actions.filter(
      (a) => a.value.leadKeys.includes(PEOPLE.jennifer.key) || a.value.delegateKey === PEOPLE.jennifer.key,
    );
    expect(await page.getByTestId('my-count').textContent()).to.equal(`${mine.length} actions`);
    expect(await page.locator('li[data-row]').count()).to.equal(mine.length);
    await screenshot(page, 'my-actions');
    await done(page);
  });

  it("shows the board: every priority side by side with the plan's counts, charts with words, and the empty trend", async () => {
    const page = await open(PEOPLE.secretariat.key, '/tab/?view=board');
    await page.getByTestId('board-table').waitFor();
    const p = await plan(world);
    for (const pr of p.priorities) {
      const counts = ragCounts(actionsOf(p, pr.ref));
      const row = page.locator(`tr[data-priority="${pr.ref}"]`);
      for (const rag of ['Red', 'Amber', 'Green', 'Blue', 'Grey'])
        expect(await row.locator(`[data-cell="${rag}"]`).textContent(), `${pr.ref} ${rag}`).to.equal(String(counts[rag]));
      expect(await row.locator('[data-cell="total"]').textContent()).to.equal(String(actionsOf(p, pr.ref).length));
    }
    expect(await page.locator('tr[data-priority="all"] [data-cell="total"]').textContent()).to.equal(String(p.actions.length));
    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).to.equal(p.priorities.length);
    const desc = await charts.first().locator('desc').textContent();
    const c1 = ragCounts(actionsOf(p, p.priorities[0].ref));
    expect(desc).to.contain(`${c1.Grey} Grey`);
    expect(await page.getByTestId('trend-empty').textContent()).to.contain('The trend starts after the first month-end snapshot');
    await screenshot(page, 'board');

    // March's month-end snapshot starts the trend: its numbers in a table and a chart per priority.
    const taken = await takeMonthSnapshot(world.store, new Date(NOW));
    expect(taken.taken).to.equal(true);
    await page.reload();
    await page.getByTestId('trend-table').waitFor();
    const march = page.locator('[data-testid="trend-table"] tbody tr');
    expect(await march.count()).to.equal(1);
    expect(await march.first().locator('th').textContent()).to.equal('Mar 2023');
    const atMonthEnd = ragCounts(p.actions.map((a) => a.value));
    expect((await march.first().locator('td').allTextContents()).map(Number)).to.deep.equal(
      ['Red', 'Amber', 'Green', 'Blue', 'Grey'].map((r) => atMonthEnd[r]),
    );
    expect(await page.locator('svg[role="img"]').count()).to.equal(p.priorities.length * 2);
    await screenshot(page, 'board-trend');
    await done(page);
  });

  /** Clicks a download button and waits for the file the page saves from its Blob. */
  async function downloadBy(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    const file = await download.path();
    return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
  }

  it("the secretariat downloads the whole plan's board pack from the board, with the exceptions the board counts", async () => {
    const page = await open(PEOPLE.secretariat.key, '/tab/?view=board');
    await page.getByTestId('board-table').waitFor();
    const { name, bytes } = await downloadBy(page, 'Download board pack (Excel)');
    expect(name).to.equal('board-pack-2023-04-03.xlsx');
    expect(bytes.length).to.be.greaterThan(0);
    await page
      .getByTestId('live')
      .filter({ hasText: `Downloaded ${name}.` })
      .waitFor();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const onBoard = (await page.locator('tr[data-priority] td:last-child').allTextContents()).filter((t) => t !== '').map(Number);
    expect(wb.getWorksheet('Exceptions')!.actualRowCount - 1).to.equal(onBoard.reduce((a, b) => a + b, 0));
    await done(page);
  });

  it("a chair downloads their own group's board paper; a lead is offered no download", async () => {
    const page = await open(PEOPLE.sally.key, `/tab/?view=group&group=${GROUP}`);
    await page.getByTestId('rag-counts').waitFor();
    const { name, bytes } = await downloadBy(page, 'Download board pack (Word)');
    expect(name).to.equal(`board-pack-${GROUP}-2023-04-03.docx`);
    expect(bytes.length).to.be.greaterThan(0);
    expect(bytes.subarray(0, 2).toString('latin1')).to.equal('PK'); // a .docx is a zip
    await done(page);

    const lead = await open(PEOPLE.jennifer.key, `/tab/?view=group&group=${GROUP}`);
    await lead.getByTestId('rag-counts').waitFor();
    expect(await lead.getByTestId('export-pack').count()).to.equal(0);
    expect(await lead.getByRole('button', { name: /Download board pack/ }).count()).to.equal(0);
    await done(lead);
  });

  it('a chair records a KPI measurement and sees it as the latest', async () => {
    const page = await open(PEOPLE.sally.key, `/tab/?view=group&group=${GROUP}`);
    await page.getByRole('tab', { name: 'KPIs' }).click();
    await page.getByTestId('kpi-table').waitFor();
    const ref = (await plan(world)).kpis.find((k) => k.priorityRef === PRIORITY)!.ref;
    await page.getByRole('button', { name: `Record a measurement for ${ref}` }).click();
    await page.getByLabel('Value (required)').fill('12%');
    await page.getByLabel('Measured on (required)').fill('2023-03-31');
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await page
      .getByTestId('live')
      .filter({ hasText: `Recorded 12% for ${ref}` })
      .waitFor();
    await page.locator(`tr[data-kpi="${ref}"]`).filter({ hasText: '12% · 31 Mar 2023' }).waitFor();
    const stored = (await world.store.kpiMeasurements()).filter((m) => m.kpiRef === ref);
    expect(stored.map((m) => [m.value, m.measuredOn])).to.deep.include(['12%', '2023-03-31']);
    await done(page);
  });

  it('reflows at 320 px: a stacked list, nothing scrolls sideways', async () => {
    const page = await open(PEOPLE.sally.key, `/tab/?view=group&group=${GROUP}`, 320);
    await page.getByTestId('rag-counts').waitFor();
    expect(await page.locator('table').count()).to.equal(0);
    expect(await page.locator('li[data-row]').count()).to.be.greaterThan(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).to.be.at.most(0);
    await screenshot(page, 'group-320px');
    await done(page);
  });
});
