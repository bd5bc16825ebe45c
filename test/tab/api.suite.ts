// The tab's API over HTTP, one suite for both stores: the numbers for a named
// delivery group of the sample plan, a lead updating and the chair seeing it,
// sign-off to Blue, refusals that leak nothing, a stale eTag, KPIs, the board
// and month-end snapshots.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import fs from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../core/import/csv';
import { takeMonthSnapshot } from '../../core/snapshots';
import { SAMPLE_DIR } from '../contract/plan-store.contract';
import { startTabHarness, type StoreKind, type TabHarness } from './harness';

/** The sample's action rows as the spreadsheet has them: an oracle that does not go through the import. */
function sampleActions(): Array<Record<string, string>> {
  const rows = parseCsv(fs.readFileSync(path.join(SAMPLE_DIR, 'lancashire-cip-2023-24-plan.csv'), 'utf8'));
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? '']))).filter((r) => r.kind === 'action');
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const GROUP = 'improving-outcomes';

/** The Exceptions sheet's action refs, in its order (column 3 is the ref). */
async function exceptionRefsOf(xlsx: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  return wb.getWorksheet('Exceptions')!.getColumn(3).values.slice(2) as string[];
}

export function runTabApiSuite(kind: StoreKind): void {
  describe(`tab API (${kind})`, function () {
    this.timeout(120_000);
    let h: TabHarness;
    before(async () => {
      h = await startTabHarness(kind);
    });
    after(async () => {
      await h?.close();
    });

    it('refuses a request with no identity (401) and says who you are with one', async () => {
      const none = await h.call('GET', '/api/tab/session', { authorization: '' });
      expect(none.status).to.equal(401);
      expect(none.body).to.have.keys('error');
      const bogus = await h.call('GET', '/api/tab/session', 'nobody-at-all');
      expect(bogus.status).to.equal(401);
      const me = await h.call('GET', '/api/tab/session');
      expect(me.status).to.equal(200);
      expect(me.body.mode).to.equal('local');
      expect(me.body.person).to.include({ key: 'sally-richardson', name: 'Sally Richardson' });
      expect(me.body.person.roles).to.include.members(['chair', 'lead']);
      expect(me.body.chairOf).to.deep.equal([GROUP]);
      expect(me.body.groups).to.have.length(5);
      expect(me.body.today).to.equal('2023-04-03');
    });

    it('lists whom local sign-in offers, in words', async () => {
      const people = await h.call('GET', '/api/tab/local/people', { authorization: '' });
      expect(people.status).to.equal(200);
      const sally = people.body.find((p: { key: string }) => p.key === 'sally-richardson');
      expect(sally.describe).to.match(/^chair, Improving Outcomes.*; lead of \d+ actions$/);
      expect(people.body.find((p: { key: string }) => p.key === 'board-secretariat').describe).to.equal('secretariat');
    });

    it("shows the chair the group's numbers as the sample plan has them", async () => {
      const oracle = sampleActions().filter((a) => a.priority === '1');
      const r = await h.call('GET', `/api/tab/groups/${GROUP}`);
      expect(r.status).to.equal(200);
      const v = r.body;
      expect(v.group).to.include({ key: GROUP, chairName: 'Sally Richardson', cadence: 'quarterly', byException: true });
      expect(v.priority.ref).to.equal('1');
      // The sample gives no RAG, so everything starts Grey.
      expect(v.counts).to.deep.equal({ Grey: oracle.length, Blue: 0, Green: 0, Amber: 0, Red: 0 });
      const rows = v.outcomes.flatMap((o: { actions: unknown[] }) => o.actions);
      expect(rows.map((a: { ref: string }) => a.ref)).to.deep.equal(oracle.map((a) => a.ref));
      expect(v.outcomes.map((o: { ref: string }) => o.ref)).to.deep.equal([...new Set(oracle.map((a) => a.ref.split('.').slice(0, 2).join('.')))]);
      // Grey and never updated, with the due month begun (by April 2023): each is an exception.
      const begun = oracle.filter((a) => /(Jan|Feb|Mar|Apr)-\s*23/.test(a.due)).map((a) => a.ref);
      expect(v.exceptions.map((a: { ref: string }) => a.ref).sort()).to.deep.equal([...begun].sort());
      expect(v.notUpdatedThisCycle).to.equal(begun.length);
      const dues = v.exceptions.map((a: { dueDate: string }) => a.dueDate);
      expect(dues).to.deep.equal([...dues].sort());
      // Nobody in the sample has added PlanPulse in Teams.
      expect(v.unreachable.length).to.be.greaterThan(0);
      const why = Object.fromEntries(v.unreachable.map((u: { name: string; why: string }) => [u.name, u.why]));
      expect(why['Jennifer Ashton']).to.equal('removed PlanPulse');
      expect(why['Sally Richardson']).to.equal('never added PlanPulse in Teams');
    });

    it("gives a lead the group's counts but only their own rows", async () => {
      const r = await h.call('GET', `/api/tab/groups/${GROUP}`, 'jennifer-ashton');
      expect(r.status).to.equal(200);
      const rows = r.body.outcomes.flatMap((o: { actions: Array<{ leads: Array<{ key: string }> }> }) => o.actions);
      expect(rows.length).to.be.greaterThan(0);
      for (const row of rows) expect(row.leads.map((l: { key: string }) => l.key)).to.include('jennifer-ashton');
      expect(sum(r.body.counts)).to.equal(sampleActions().filter((a) => a.priority === '1').length);
      expect(r.body.unreachable).to.deep.equal([]);
    });

    it('refuses someone with no part in the group (403) without a word of its actions', async () => {
      const r = await h.call('GET', `/api/tab/groups/${GROUP}`, 'dave-carr');
      expect(r.status).to.equal(403);
      expect(r.body).to.have.keys('error');
    });

    it('lets a lead update their action and the chair see it', async () => {
      const detail = await h.call('GET', '/api/tab/actions/1.1.3', 'jennifer-ashton');
      expect(detail.status).to.equal(200);
      expect(detail.body.row.canUpdate).to.equal(true);
      const saved = await h.call('POST', '/api/tab/actions/1.1.3/update', 'jennifer-ashton', {
        etag: detail.body.row.etag,
        rag: 'Amber',
        commentary: 'Survey response rate is low',
      });
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
      expect(saved.body.message).to.equal('Saved. 1.1.3 is now Amber – likely to miss its deadline.');
      expect(saved.body.saved.row.rag).to.equal('Amber');
      expect(saved.body.saved.history.at(-1)).to.include({ byName: 'Jennifer Ashton', sourceWords: 'Tab' });

      const chair = await h.call('GET', `/api/tab/groups/${GROUP}`);
      const row = chair.body.outcomes.flatMap((o: { actions: unknown[] }) => o.actions).find((a: { ref: string }) => a.ref === '1.1.3');
      expect(row).to.include({ rag: 'Amber', commentary: 'Survey response rate is low', lastUpdatedByName: 'Jennifer Ashton' });
      expect(chair.body.counts.Amber).to.equal(1);
      expect(chair.body.exceptions[0].ref).to.equal('1.1.3');
      const since = await h.call('GET', `/api/tab/groups/${GROUP}?changedSince=2023-04-01`);
      const changed = since.body.outcomes
        .flatMap((o: { actions: Array<{ ref: string; flags: string[] }> }) => o.actions)
        .filter((a: { flags: string[] }) => a.flags.includes('changed-since'));
      expect(changed.map((a: { ref: string }) => a.ref)).to.deep.equal(['1.1.3']);
    });

    it("gives the card's validation texts word for word, and saves nothing", async () => {
      const detail = await h.call('GET', '/api/tab/actions/1.1.6', 'jennifer-ashton');
      const r = await h.call('POST', '/api/tab/actions/1.1.6/update', 'jennifer-ashton', { etag: detail.body.row.etag, rag: 'Red' });
      expect(r.status).to.equal(400);
      expect(r.body.problems).to.deep.equal(['Red means the deadline was missed: give a new completion date.']);
      expect((await h.store.getAction('1.1.6'))!.value.rag).to.equal('Grey');
    });

    it('lets a chair sign off a reported action and see it Blue', async () => {
      const before = await h.call('GET', '/api/tab/actions/1.1.3', 'jennifer-ashton');
      const reported = await h.call('POST', '/api/tab/actions/1.1.3/complete', 'jennifer-ashton', {
        etag: before.body.row.etag,
        evidence: 'Survey published on the Local Offer',
      });
      expect(reported.status, JSON.stringify(reported.body)).to.equal(200);
      expect(reported.body.saved.row.flags).to.include('awaiting-sign-off');
      expect(reported.body.saved.row.canSignOff).to.equal(false);

      const leadTries = await h.call('POST', '/api/tab/actions/1.1.3/sign-off', 'jennifer-ashton', { etag: reported.body.saved.row.etag });
      expect(leadTries.status).to.equal(403);
      expect(leadTries.body).to.deep.equal({
        error: "You reported 1.1.3 complete, so someone else signs it off: the delivery group's chair or the board secretariat.",
      });
      const chairSees = await h.call('GET', '/api/tab/actions/1.1.3');
      expect(chairSees.body.row.canSignOff).to.equal(true);
      const signed = await h.call('POST', '/api/tab/actions/1.1.3/sign-off', 'sally-richardson', { etag: chairSees.body.row.etag });
      expect(signed.status, JSON.stringify(signed.body)).to.equal(200);
      expect(signed.body.saved.row.rag).to.equal('Blue');
      expect(signed.body.saved.signedOffByName).to.equal('Sally Richardson');
      expect(signed.body.message).to.equal('1.1.3 signed off. Now Blue – completed and signed off.');
      const group = await h.call('GET', `/api/tab/groups/${GROUP}`);
      expect(group.body.counts.Blue).to.equal(1);
      expect(group.body.counts.Amber).to.equal(0);
    });

    it("refuses a lead on someone else's action (403) and leaks nothing", async () => {
      const target = (await h.store.getAction('1.1.4'))!;
      const read = await h.call('GET', '/api/tab/actions/1.1.4', 'dave-carr');
      expect(read.status).to.equal(403);
      expect(read.body).to.have.keys('error');
      expect(JSON.stringify(read.body)).to.not.include(target.value.text.slice(0, 20));
      const write = await h.call('POST', '/api/tab/actions/1.1.4/update', 'dave-carr', {
        etag: 'stale-or-not',
        rag: 'Red',
        dueDate: '2023-12-31',
        commentary: 'mine now',
      });
      expect(write.status).to.equal(403);
      expect(write.body).to.have.keys('error');
      const after = (await h.store.getAction('1.1.4'))!;
      expect(after.etag).to.equal(target.etag);
      expect(after.value.rag).to.equal(target.value.rag);
    });

    it('answers a stale eTag with 409, how it stands now and what was missed', async () => {
      const shown = await h.call('GET', '/api/tab/actions/1.2.2', 'jennifer-ashton');
      const first = await h.call('POST', '/api/tab/actions/1.2.2/update', 'sally-richardson', {
        etag: shown.body.row.etag,
        rag: 'Green',
        commentary: 'On track after the March meeting',
      });
      expect(first.status).to.equal(200);
      const late = await h.call('POST', '/api/tab/actions/1.2.2/update', 'jennifer-ashton', {
        etag: shown.body.row.etag,
        rag: 'Amber',
        commentary: 'Delayed',
      });
      expect(late.status).to.equal(409);
      expect(late.body.current.row.rag).to.equal('Green');
      expect(late.body.missedBy).to.deep.equal(['Sally Richardson']);
      expect(late.body.missed).to.deep.include({ field: 'RAG status', from: 'Grey – not started', to: 'Green – on target' });
      expect((await h.store.getAction('1.2.2'))!.value.rag).to.equal('Green');
      // The action's history tells the whole story.
      const detail = await h.call('GET', '/api/tab/actions/1.2.2', 'jennifer-ashton');
      expect(detail.body.history).to.have.length(1);
    });

    it('keeps the slippage ledger: the planned date, then each move with who and why', async () => {
      const d = await h.call('GET', '/api/tab/actions/1.3.1', 'jennifer-ashton');
      const planned = d.body.row.dueDate;
      const moved = await h.call('POST', '/api/tab/actions/1.3.1/update', 'jennifer-ashton', {
        etag: d.body.row.etag,
        rag: 'Red',
        dueDate: '2023-06-30',
        commentary: 'Waiting for panel data',
      });
      expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
      expect(moved.body.saved.slippage).to.deep.equal([
        { date: planned, byName: 'From the plan', fromPlan: true },
        { date: '2023-06-30', byName: 'Jennifer Ashton', at: '2023-04-03T09:00:00Z', why: 'Waiting for panel data', fromPlan: false },
      ]);
      expect(moved.body.saved.row.originalDueDate).to.equal(planned);
    });

    it('records a KPI measurement for the chair, and refuses a lead', async () => {
      const card = await h.call('GET', `/api/tab/kpis?group=${GROUP}`);
      expect(card.status).to.equal(200);
      const k1 = card.body.kpis.find((k: { ref: string }) => k.ref === '1.1.K1');
      expect(k1).to.include({ baseline: "593 (6% of EHCP's in 2022)", target3m: '15%', canRecord: true });
      expect(k1.trajectory).to.deep.equal({ status: 'not-measured', words: 'No measurement yet' });
      const bad = await h.call('POST', '/api/tab/kpis/1.1.K1/measurements', 'sally-richardson', { measuredOn: '2023-03-31', value: 'lots' });
      expect(bad.status).to.equal(400);
      expect(bad.body.problems[0]).to.match(/has no number in it/);
      const ok = await h.call('POST', '/api/tab/kpis/1.1.K1/measurements', 'sally-richardson', { measuredOn: '2023-03-31', value: '12%' });
      expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
      expect(ok.body.latest).to.deep.equal({ measuredOn: '2023-03-31', value: '12%' });
      expect(ok.body.measurements).to.deep.equal([{ measuredOn: '2023-03-31', value: '12%', recordedByName: 'Sally Richardson' }]);
      const lead = await h.call('POST', '/api/tab/kpis/1.1.K1/measurements', 'jennifer-ashton', { measuredOn: '2023-03-31', value: '11%' });
      expect(lead.status).to.equal(403);
      expect(await h.store.kpiMeasurements('1.1.K1')).to.have.length(1);
    });

    it('shows the board every priority, summing to the whole plan, and refuses a lead', async () => {
      const oracle = sampleActions();
      const r = await h.call('GET', '/api/tab/board', 'board-secretariat');
      expect(r.status).to.equal(200);
      expect(r.body.priorities.map((p: { ref: string }) => p.ref)).to.deep.equal(['1', '2', '3', '4', '5']);
      expect(sum(r.body.totals)).to.equal(oracle.length);
      expect(r.body.priorities.reduce((n: number, p: { total: number }) => n + p.total, 0)).to.equal(153);
      for (const p of r.body.priorities) {
        expect(p.total).to.equal(oracle.filter((a) => a.priority === p.ref).length);
        expect(sum(p.counts)).to.equal(p.total);
      }
      expect((await h.call('GET', '/api/tab/board', 'jennifer-ashton')).status).to.equal(403);
    });

    it("takes a month-end snapshot for the board's trend that later edits never change", async () => {
      // Through the app's own store, as the scheduler's tick does.
      const r = await takeMonthSnapshot(h.app.services.store, h.clock.now);
      expect(r.taken).to.equal(true);
      const board = await h.call('GET', '/api/tab/board', 'board-secretariat');
      expect(board.body.trend).to.have.length(1);
      const march = board.body.trend[0];
      expect(march.month).to.equal('2023-03');
      expect(sum(march.counts)).to.equal(153);
      expect(march.counts).to.deep.equal(board.body.totals);
      const d = await h.call('GET', '/api/tab/actions/1.2.3', 'jennifer-ashton');
      const saved = await h.call('POST', '/api/tab/actions/1.2.3/update', 'jennifer-ashton', {
        etag: d.body.row.etag,
        rag: 'Green',
        commentary: 'Started',
      });
      expect(saved.status).to.equal(200);
      const later = await h.call('GET', '/api/tab/board', 'board-secretariat');
      expect(later.body.trend[0]).to.deep.equal(march);
      expect(later.body.totals.Green).to.equal(march.counts.Green + 1);
      // Without a last meeting, "changed since" defaults to the snapshot's month end.
      const group = await h.call('GET', `/api/tab/groups/${GROUP}`);
      expect(group.body.changedSince).to.equal('2023-03-31');
    });

    it('serves page loads from memory, and notices an edit made elsewhere', async () => {
      await h.call('GET', `/api/tab/groups/${GROUP}`);
      const before = h.fake?.requests.length ?? 0;
      const again = await h.call('GET', `/api/tab/groups/${GROUP}`);
      expect(again.status).to.equal(200);
      if (h.fake) {
        // At most the change check and the reach list: never the plan's lists.
        const reads = h.fake.requests.slice(before).map((r) => `${r.method} ${r.path}`);
        expect(reads.length, reads.join('\n')).to.be.at.most(2);
      }
      // Another instance (a store of its own, not this app's) changes an action.
      const current = (await h.store.getAction('1.1.5'))!;
      await h.store.saveAction(
        { ...current.value, rag: 'Green', commentary: 'Changed elsewhere', lastUpdatedAt: '2023-04-03T08:00:00Z' },
        current.etag,
        {
          id: 'elsewhere-1',
          actionRef: '1.1.5',
          at: '2023-04-03T08:00:00Z',
          by: 'sapphire-murray',
          byName: 'Sapphire Murray',
          source: 'teams-chat',
          kind: 'status',
          changes: [{ field: 'rag', from: current.value.rag, to: 'Green' }],
        },
      );
      const started = Date.now();
      let seen = '';
      while (Date.now() - started < 8000) {
        const g = await h.call('GET', `/api/tab/groups/${GROUP}`);
        seen = g.body.outcomes
          .flatMap((o: { actions: Array<{ ref: string; rag: string }> }) => o.actions)
          .find((a: { ref: string }) => a.ref === '1.1.5').rag;
        if (seen === 'Green') break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(seen).to.equal('Green');
      // SQLite sees it on the next read; SharePoint within its check interval (3 s).
      expect(Date.now() - started).to.be.below(h.fake ? 6000 : 500);
    });

    /** GET /api/tab/export as someone, answering the raw file (the harness's call reads JSON). */
    async function download(query: string, as: string | null = 'board-secretariat') {
      const headers: Record<string, string> = as === null ? {} : { authorization: `Local ${as}` };
      const res = await fetch(`${h.base}/api/tab/export${query}`, { headers });
      return { res, bytes: Buffer.from(await res.arrayBuffer()) };
    }

    it('exports the board pack for the secretariat and a chair, as an .xlsx or .docx file with its name', async () => {
      const whole = await download('?format=xlsx');
      expect(whole.res.status).to.equal(200);
      expect(whole.res.headers.get('content-type')).to.equal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(whole.res.headers.get('content-disposition')).to.equal('attachment; filename="board-pack-2023-04-03.xlsx"');
      expect(whole.res.headers.get('cache-control')).to.equal('no-store');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(whole.bytes as unknown as ArrayBuffer);
      const actions = wb.worksheets.filter((w) => w.name.startsWith('Priority ')).reduce((n, w) => n + w.actualRowCount - 1, 0);
      expect(actions).to.equal(153);

      const mine = await download(`?format=docx&group=${GROUP}`, 'sally-richardson');
      expect(mine.res.status).to.equal(200);
      expect(mine.res.headers.get('content-type')).to.equal('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(mine.res.headers.get('content-disposition')).to.equal(`attachment; filename="board-pack-${GROUP}-2023-04-03.docx"`);
      expect(Number(mine.res.headers.get('content-length')))
        .to.equal(mine.bytes.length)
        .and.be.greaterThan(0);
      const doc = strFromU8(unzipSync(new Uint8Array(mine.bytes))['word/document.xml']);
      expect(doc).to.include('Improving Outcomes');
      expect(doc).to.not.include('Priority 2:');

      const anyGroup = await download('?format=xlsx&group=accessible-services');
      expect(anyGroup.res.status).to.equal(200);
    });

    it("refuses to export to anyone but the secretariat and the group's own chair, leaking nothing", async () => {
      const refusals: Array<[string, string | null, number]> = [
        ['?format=xlsx', null, 401],
        ['?format=xlsx', 'sally-richardson', 403], // a chair: not the whole plan
        ['?format=xlsx&group=accessible-services', 'sally-richardson', 403], // nor another group
        ['?format=xlsx&group=no-such-group', 'sally-richardson', 403], // nor says which groups exist
        [`?format=xlsx&group=${GROUP}`, 'jennifer-ashton', 403], // a lead of the group's actions
        ['?format=xlsx', 'jennifer-ashton', 403],
        [`?format=docx&group=${GROUP}`, 'dave-carr', 403],
      ];
      for (const [query, as, status] of refusals) {
        const before = h.fake?.requests.length ?? 0;
        const { res, bytes } = await download(query, as);
        expect(res.status, `${as} ${query}`).to.equal(status);
        expect(res.headers.get('content-type')).to.match(/^application\/json/);
        expect(res.headers.get('content-disposition')).to.equal(null);
        expect(Object.keys(JSON.parse(bytes.toString('utf8')))).to.deep.equal(['error']);
        // Decided from the plan in memory: no list of the plan, no history, is read for a refusal.
        if (h.fake)
          expect(
            h.fake.requests
              .slice(before)
              .filter((r) => /\/items/.test(r.path))
              .map((r) => r.path),
          ).to.deep.equal([]);
      }
      expect((await download('?format=xlsx&group=no-such-group')).res.status).to.equal(404);
      const bad = await download('?format=pdf');
      expect(bad.res.status).to.equal(400);
      expect(JSON.parse(bad.bytes.toString('utf8')).problems).to.deep.equal(['"format" must be xlsx (Excel) or docx (Word).']);
    });

    it('exports the same exceptions as the tab shows, for a group and for the whole plan', async () => {
      const group = await h.call('GET', `/api/tab/groups/${GROUP}`);
      const tabRefs = group.body.exceptions.map((a: { ref: string }) => a.ref);
      // By now the group has a Red, past-due Grey and not-updated actions: more than one kind to order.
      expect(tabRefs.length).to.be.greaterThan(3);
      const pack = await download(`?format=xlsx&group=${GROUP}`, 'sally-richardson');
      expect(await exceptionRefsOf(pack.bytes)).to.deep.equal(tabRefs);

      const whole = await exceptionRefsOf((await download('?format=xlsx')).bytes);
      const board = await h.call('GET', '/api/tab/board', 'board-secretariat');
      expect(whole.length).to.equal(board.body.priorities.reduce((n: number, p: { exceptions: number }) => n + p.exceptions, 0));
      const fromGroups: string[] = [];
      for (const g of (await h.call('GET', '/api/tab/session')).body.groups as Array<{ key: string }>) {
        const v = await h.call('GET', `/api/tab/groups/${g.key}`, 'board-secretariat');
        const refs = v.body.exceptions.map((a: { ref: string }) => a.ref);
        // Each group's exceptions keep their order inside the whole plan's list.
        expect(
          whole.filter((r) => refs.includes(r)),
          g.key,
        ).to.deep.equal(refs);
        fromGroups.push(...refs);
      }
      expect([...whole].sort()).to.deep.equal([...fromGroups].sort());
    });

    it("lists a lead's own actions across groups", async () => {
      const r = await h.call('GET', '/api/tab/my-actions', 'sapphire-murray');
      expect(r.status).to.equal(200);
      const mine = sampleActions()
        .filter((a) =>
          a.lead
            .split('/')
            .map((s) => s.trim())
            .includes('Sapphire Murray'),
        )
        .map((a) => a.ref);
      expect(r.body.actions.map((a: { ref: string }) => a.ref)).to.deep.equal(mine);
      expect(new Set(r.body.actions.map((a: { priorityRef: string }) => a.priorityRef)).size).to.be.greaterThan(1);
      for (const a of r.body.actions) expect(a.canUpdate).to.equal(true);
    });
  });
}
