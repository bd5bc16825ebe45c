// The group view kept per viewer (tab/server/api/view-cache.ts) against
// everything that changes who may see what: `planpulse chair` from another
// process, a lead taken off an action, someone made (or no longer) the
// secretariat, the day turning, "changed since" written oddly, and page loads
// racing a save. After each, every viewer's answer from the running server
// (views kept) must be exactly what a server that never kept a view answers.
import { expect } from 'chai';
import { loadConfig } from '../../app/config';
import { startApp, type RunningApp } from '../../app/start';
import { runCli } from '../../cli/planpulse';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { startTabHarness, type TabHarness } from '../tab/harness';

const GROUP = 'improving-outcomes';
const VIEWERS = ['sally-richardson', 'jennifer-ashton', 'board-secretariat', 'dave-carr'];

interface Answer {
  status: number;
  body: any;
}

describe('abuse: the kept group view never shows one viewer another’s rows or rights', function () {
  this.timeout(180_000);
  let h: TabHarness;
  let oracle: RunningApp | undefined;
  let dbFile: string;
  before(async () => {
    h = await startTabHarness('sqlite');
    dbFile = (h.store as SqlitePlanStore).db.name;
  });
  after(async () => {
    await oracle?.close();
    await h?.close();
  });

  /** The same request to a server started now, on the same file and clock: it has kept nothing. */
  async function fresh(url: string, who: string): Promise<Answer> {
    await oracle?.close();
    const store = new SqlitePlanStore(dbFile);
    oracle = await startApp(loadConfig({ PLANPULSE_DB: dbFile, PORT: '0' }), {
      store,
      now: () => h.clock.now,
      schedule: false,
      log: () => undefined,
    });
    const port = oracle.port;
    try {
      const res = await fetch(`http://127.0.0.1:${port}${url}`, { headers: { authorization: `Local ${who}` } });
      return { status: res.status, body: await res.json() };
    } finally {
      await oracle.close();
      oracle = undefined;
      await store.close();
    }
  }

  /** Every viewer's answer now, from the running server (views kept) and from a fresh one: equal, "as at" aside. */
  async function expectSameAsFresh(url = `/api/tab/groups/${GROUP}`) {
    for (const who of VIEWERS) {
      const kept = await h.call('GET', url, who);
      const once = await fresh(url, who);
      expect(kept.status, `${who}: ${JSON.stringify(kept.body).slice(0, 200)}`).to.equal(once.status);
      delete kept.body?.asAt;
      delete once.body?.asAt;
      expect(kept.body, `${who} ${url}`).to.deep.equal(once.body);
    }
  }

  /** Opens the group as everyone, so each has a view kept. */
  const warm = async (url = `/api/tab/groups/${GROUP}`) => {
    for (const who of VIEWERS) await h.call('GET', url, who);
  };

  it('after `planpulse chair` in another process gives the group to someone else', async () => {
    await warm();
    const io = { out: () => undefined, err: (l: string) => expect.fail(l), env: { PLANPULSE_DB: dbFile } };
    expect(await runCli(['chair', GROUP, 'Dave Carr'], io)).to.equal(0);
    const oldChair = await h.call('GET', `/api/tab/groups/${GROUP}`, 'sally-richardson');
    const newChair = await h.call('GET', `/api/tab/groups/${GROUP}`, 'dave-carr');
    expect(newChair.status).to.equal(200);
    // Sally still leads actions in the group, so she sees those, and no longer all of them.
    const rows = (b: any) => b.outcomes.flatMap((o: any) => o.actions);
    if (oldChair.status === 200) expect(rows(oldChair.body).length).to.be.lessThan(rows(newChair.body).length);
    await expectSameAsFresh();
    expect(await runCli(['chair', GROUP, 'Sally Richardson'], io)).to.equal(0);
    await expectSameAsFresh();
  });

  it('after a lead is taken off an action (another process) and made secretariat and back', async () => {
    await warm();
    const other = new SqlitePlanStore(dbFile);
    try {
      const plan = await other.loadPlan();
      const theirs = plan.actions.find(
        (a) => a.value.leadKeys.includes('jennifer-ashton') && plan.outcomes.some((o) => o.ref === a.value.outcomeRef),
      )!;
      // As a re-import that no longer names her would save it.
      await other.saveAction({ ...theirs.value, leadKeys: theirs.value.leadKeys.filter((k) => k !== 'jennifer-ashton') }, theirs.etag, {
        id: 'abuse-view-cache-1',
        actionRef: theirs.value.ref,
        at: h.clock.now.toISOString(),
        by: 'board-secretariat',
        byName: 'Board Secretariat',
        source: 'import',
        kind: 'import',
        changes: [],
      });
      await expectSameAsFresh();
      const jen = (await other.listLeads()).find((l) => l.key === 'jennifer-ashton')!;
      await other.saveLead({ ...jen, isSecretariat: true });
      await expectSameAsFresh();
      await other.saveLead({ ...jen, isSecretariat: false });
      await expectSameAsFresh();
    } finally {
      await other.close();
    }
  });

  it('when the day turns (London midnight), and for each way of writing "changed since"', async () => {
    // 23:30 on 30 Apr 2023 in London (BST), then 00:30 on 1 May, still 30 Apr in UTC: actions due on the 30th fall overdue.
    h.clock.now = new Date('2023-04-30T22:30:00Z');
    const overdue = async () =>
      (await h.call('GET', `/api/tab/groups/${GROUP}`, 'sally-richardson')).body.outcomes
        .flatMap((o: any) => o.actions)
        .filter((r: any) => r.dueDate === '2023-04-30' && r.flags.includes('overdue')).length;
    await warm();
    expect(await overdue()).to.equal(0);
    h.clock.now = new Date('2023-04-30T23:30:00Z');
    expect(await overdue()).to.be.greaterThan(0);
    await expectSameAsFresh();
    for (const q of [
      '?changedSince=2023-03-01',
      '?changedSince=2023-04-01',
      '?changedSince=2023-03-01&changedSince=2020-01-01',
      '?changedSince=',
      '?changedsince=2023-03-01',
      '?changedSince=2023-02-30',
    ]) {
      await warm(`/api/tab/groups/${GROUP}${q}`);
      await expectSameAsFresh(`/api/tab/groups/${GROUP}${q}`);
    }
  });

  it('page loads racing a save: each answer is its viewer’s own, and the save shows once it is answered', async () => {
    const lead = await h.call('GET', `/api/tab/groups/${GROUP}`, 'jennifer-ashton');
    const row = lead.body.outcomes.flatMap((o: any) => o.actions).find((r: any) => r.canUpdate && r.rag !== 'Red');
    const loads = Array.from({ length: 24 }, (_, i) => h.call('GET', `/api/tab/groups/${GROUP}`, VIEWERS[i % VIEWERS.length]));
    const save = h.call('POST', `/api/tab/actions/${row.ref}/update`, 'jennifer-ashton', {
      etag: row.etag,
      rag: 'Red',
      dueDate: '2023-09-30',
      commentary: 'Racing the page loads',
    });
    const answers = await Promise.all(loads);
    expect((await save).status).to.equal(200);
    answers.forEach((a, i) => {
      const who = VIEWERS[i % VIEWERS.length];
      if (who === 'dave-carr') return expect(a.status).to.equal(403);
      expect(a.status).to.equal(200);
      const rows = a.body.outcomes.flatMap((o: any) => o.actions);
      if (who === 'jennifer-ashton')
        for (const r of rows)
          expect(
            r.leads.map((l: any) => l.key),
            r.ref,
          ).to.include('jennifer-ashton');
    });
    const after = await h.call('GET', `/api/tab/groups/${GROUP}`, 'sally-richardson');
    expect(after.body.outcomes.flatMap((o: any) => o.actions).find((r: any) => r.ref === row.ref)).to.include({ rag: 'Red' });
    await expectSameAsFresh();
  });
});
