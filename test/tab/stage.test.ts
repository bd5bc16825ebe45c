// The meeting stage's shared position over HTTP (tab/server/api/stage.ts):
// who may share (the chair, the secretariat) is settled before anything is
// read; a stranger learns nothing, not even whether the meeting has a stage;
// only the presenter moves it; a stale version gets the stage as it is; the
// list is frozen when shared; sessions are bounded in number and age.
import { expect } from 'chai';
import { moveStage, startStage } from '../../core/meeting-stage';
import { StageSessions } from '../../tab/server/api/stage-sessions';
import { startTabHarness, type TabHarness } from './harness';

const GROUP = 'improving-outcomes';
const MEETING = '19:meeting_stage-test@thread.v2';
const q = (meeting = MEETING, group = GROUP) => `/api/tab/stage?meeting=${encodeURIComponent(meeting)}&group=${encodeURIComponent(group)}`;

describe('meeting stage: one shared position per meeting', function () {
  this.timeout(60_000);
  let h: TabHarness;
  before(async () => {
    h = await startTabHarness('sqlite');
  });
  after(async () => h?.close());

  it('only the group chair or the secretariat may share; anyone else is refused before anything is kept', async () => {
    const lead = await h.call('POST', '/api/tab/stage/start', 'jennifer-ashton', { meeting: 'm-refused', group: GROUP });
    expect(lead.status).to.equal(403);
    expect(lead.body).to.have.keys('error');
    expect(lead.body.error).to.match(/chair and the secretariat/);
    // Not even the chair may read what the refused call would have made.
    expect((await h.call('GET', q('m-refused'))).body).to.deep.equal({ state: 'none' });
    const none = await h.call('POST', '/api/tab/stage/start', { authorization: '' }, { meeting: 'm-refused', group: GROUP });
    expect(none.status).to.equal(401);
    // A chair of another group may not share this one.
    const other = await h.call('POST', '/api/tab/stage/start', 'sally-richardson', { meeting: 'm-refused', group: 'preparing-for-adulthood' });
    expect([403, 404]).to.include(other.status);
    expect((await h.call('GET', q('m-refused'))).body).to.deep.equal({ state: 'none' });
    const bad = await h.call('POST', '/api/tab/stage/start', 'sally-richardson', { meeting: 'x'.repeat(600), group: GROUP });
    expect(bad.status).to.equal(400);
  });

  it('shares a frozen list: the chair presents, a lead of the group follows, a stranger learns nothing', async () => {
    const started = await h.call('POST', '/api/tab/stage/start', 'sally-richardson', { meeting: MEETING, group: GROUP });
    expect(started.status, JSON.stringify(started.body)).to.equal(200);
    const s = started.body;
    expect(s).to.include({ state: 'presenting', group: GROUP, position: 0 });
    expect(s.presenter).to.deep.equal({ name: 'Sally Richardson', you: true });
    const view = await h.call('GET', `/api/tab/groups/${GROUP}`);
    expect(s.items).to.deep.equal(view.body.exceptions.map((r: { ref: string }) => r.ref));
    expect(s.items.length).to.be.greaterThan(2);

    // A lead of the group follows: same count, the presenter's name, and only their own actions' refs.
    const lead = await h.call('GET', q(), 'jennifer-ashton');
    expect(lead.status).to.equal(200);
    expect(lead.body).to.include({ state: 'presenting', position: 0, version: s.version });
    expect(lead.body.presenter).to.deep.equal({ name: 'Sally Richardson', you: false });
    expect(lead.body.items).to.have.length(s.items.length);
    const plan = await h.store.loadPlan();
    lead.body.items.forEach((ref: string | null, i: number) => {
      const a = plan.actions.find((x) => x.value.ref === s.items[i])!.value;
      const hers = a.leadKeys.includes('jennifer-ashton') || a.delegateKey === 'jennifer-ashton';
      expect(ref, s.items[i]).to.equal(hers ? s.items[i] : null);
    });

    // Someone with no part in the group gets the same refusal whether or not the meeting has a stage.
    const leads = await h.store.listLeads();
    const inGroup = new Set(plan.actions.filter((a) => a.value.priorityRef === '1').flatMap((a) => a.value.leadKeys));
    const stranger = leads.find((l) => !inGroup.has(l.key) && !l.isSecretariat && plan.actions.some((a) => a.value.leadKeys.includes(l.key)))!;
    const shared = await h.call('GET', q(), stranger.key);
    const unshared = await h.call('GET', q('no-such-meeting'), stranger.key);
    expect(shared.status).to.equal(403);
    expect(shared.body).to.deep.equal(unshared.body);
    expect(JSON.stringify(shared.body)).to.not.contain('Sally');
    const move = await h.call('POST', '/api/tab/stage/move', stranger.key, { meeting: MEETING, group: GROUP, version: s.version, position: 1 });
    expect(move.status).to.equal(403);
    expect(JSON.stringify(move.body)).to.not.contain('Sally');

    // The plan changes during the meeting: the shared list does not.
    const extra = s.items.length;
    const green = plan.actions.find((a) => a.value.priorityRef === '1' && !s.items.includes(a.value.ref))!.value.ref;
    const secretariat = (await h.call('GET', `/api/tab/actions/${green}`, 'board-secretariat')).body;
    const red = await h.call('POST', `/api/tab/actions/${green}/update`, 'board-secretariat', {
      etag: secretariat.row.etag,
      rag: 'Red',
      dueDate: '2023-09-30',
      commentary: 'Slipped during the meeting.',
    });
    expect(red.status, JSON.stringify(red.body)).to.equal(200);
    expect((await h.call('GET', `/api/tab/groups/${GROUP}`)).body.exceptions.length).to.equal(extra + 1);
    expect((await h.call('GET', q())).body.items).to.deep.equal(s.items);
  });

  it('only the presenter moves it; a stale version gets the stage as it is now', async () => {
    const now = (await h.call('GET', q())).body;
    const byLead = await h.call('POST', '/api/tab/stage/move', 'jennifer-ashton', {
      meeting: MEETING,
      group: GROUP,
      version: now.version,
      position: 1,
    });
    expect(byLead.status).to.equal(403);
    expect(byLead.body.error).to.match(/Only Sally Richardson, who shared the stage, can move it/);
    const bySecretariat = await h.call('POST', '/api/tab/stage/move', 'board-secretariat', {
      meeting: MEETING,
      group: GROUP,
      version: now.version,
      position: 1,
    });
    expect(bySecretariat.status).to.equal(403);
    expect((await h.call('GET', q())).body.position).to.equal(0);

    const moved = await h.call('POST', '/api/tab/stage/move', 'sally-richardson', {
      meeting: MEETING,
      group: GROUP,
      version: now.version,
      position: 2,
    });
    expect(moved.status).to.equal(200);
    expect(moved.body).to.include({ position: 2, version: now.version + 1 });
    const follower = await h.call('GET', q(), 'jennifer-ashton');
    expect(follower.body).to.include({ position: 2, version: now.version + 1 });

    const stale = await h.call('POST', '/api/tab/stage/move', 'sally-richardson', {
      meeting: MEETING,
      group: GROUP,
      version: now.version,
      position: 1,
    });
    expect(stale.status).to.equal(409);
    expect(stale.body.stage).to.include({ position: 2, version: now.version + 1 });
    expect((await h.call('GET', q())).body.position).to.equal(2);

    const n = now.items.length;
    for (const position of [-1, n + 1, 1.5]) {
      const bad = await h.call('POST', '/api/tab/stage/move', 'sally-richardson', {
        meeting: MEETING,
        group: GROUP,
        version: now.version + 1,
        position,
      });
      expect(bad.status, String(position)).to.equal(400);
    }
    const end = await h.call('POST', '/api/tab/stage/move', 'sally-richardson', {
      meeting: MEETING,
      group: GROUP,
      version: now.version + 1,
      position: n,
    });
    expect(end.body.position, 'the end card').to.equal(n);
  });

  it('stopping keeps the item; sharing again keeps the frozen list and position, with whoever shared presenting', async () => {
    const before = (await h.call('GET', q())).body;
    const byLead = await h.call('POST', '/api/tab/stage/stop', 'jennifer-ashton', { meeting: MEETING, group: GROUP });
    expect(byLead.status).to.equal(403);
    const stopped = await h.call('POST', '/api/tab/stage/stop', 'sally-richardson', { meeting: MEETING, group: GROUP });
    expect(stopped.body).to.include({ state: 'stopped', position: before.position });
    expect((await h.call('GET', q(), 'jennifer-ashton')).body.state).to.equal('stopped');
    // The secretariat shares the same group again: the list and place stay, the secretariat presents.
    const again = await h.call('POST', '/api/tab/stage/start', 'board-secretariat', { meeting: MEETING, group: GROUP });
    expect(again.body).to.include({ state: 'presenting', position: before.position });
    expect(again.body.items).to.deep.equal(before.items);
    expect(again.body.presenter).to.deep.equal({ name: 'Board Secretariat', you: true });
    const sally = await h.call('POST', '/api/tab/stage/move', 'sally-richardson', {
      meeting: MEETING,
      group: GROUP,
      version: again.body.version,
      position: 0,
    });
    expect(sally.status).to.equal(403);
    // Another meeting is another stage.
    expect((await h.call('GET', q('another-meeting'))).body).to.deep.equal({ state: 'none' });
  });

  it('old meetings expire', async () => {
    await h.call('POST', '/api/tab/stage/start', 'sally-richardson', { meeting: 'm-old', group: GROUP });
    expect((await h.call('GET', q('m-old'))).body.state).to.equal('presenting');
    const was = h.clock.now;
    h.clock.now = new Date(was.getTime() + 5 * 3600_000);
    try {
      expect((await h.call('GET', q('m-old'))).body).to.deep.equal({ state: 'none' });
      const move = await h.call('POST', '/api/tab/stage/move', 'sally-richardson', { meeting: 'm-old', group: GROUP, version: 1, position: 1 });
      expect(move.status).to.equal(404);
    } finally {
      h.clock.now = was;
    }
  });
});

describe('meeting stage sessions: bounded', () => {
  const at = (ms: number) => new Date(Date.UTC(2023, 3, 3, 9) + ms);
  const session = (meeting: string, presenter: string, nowMs: number) =>
    startStage(undefined, { meeting, group: 'g', refs: ['1.1.1', '1.1.2'], presenter: { key: presenter, name: presenter }, now: at(nowMs) });

  it('holds at most maxSessions, dropping the least recently changed', () => {
    let t = 0;
    const store = new StageSessions(() => at(t), { maxSessions: 3, maxPerPresenter: 10, idleMs: 3600_000, maxAgeMs: 7200_000 });
    for (const m of ['a', 'b', 'c']) store.put(session(m, `p-${m}`, t++));
    // a moves: it is now the most recent, so b goes when d arrives.
    store.put(moveStage(store.get('a')!, 'p-a', 1, 1, at(t++)));
    store.put(session('d', 'p-d', t++));
    expect(store.size).to.equal(3);
    expect(store.get('b')).to.equal(undefined);
    expect(store.get('a')?.position).to.equal(1);
    expect(store.get('d')).to.not.equal(undefined);
  });

  it('one presenter cannot push everyone else out', () => {
    let t = 0;
    const store = new StageSessions(() => at(t), { maxSessions: 5, maxPerPresenter: 2, idleMs: 3600_000, maxAgeMs: 7200_000 });
    store.put(session('other', 'someone', t++));
    for (const m of ['m1', 'm2', 'm3', 'm4', 'm5', 'm6']) store.put(session(m, 'greedy', t++));
    expect(store.get('other')).to.not.equal(undefined);
    expect(['m5', 'm6'].every((m) => store.get(m))).to.equal(true);
    expect(store.size).to.equal(3);
  });

  it('expires idle sessions, and any session past its age however busy', () => {
    let t = 0;
    const store = new StageSessions(() => at(t), { maxSessions: 10, maxPerPresenter: 10, idleMs: 1000, maxAgeMs: 5000 });
    store.put(session('idle', 'p', 0));
    store.put(session('busy', 'q', 0));
    for (t = 500; t < 6000; t += 500) {
      const s = store.get('busy');
      if (!s) break;
      store.put(moveStage(s, 'q', s.version, (s.position + 1) % 2, at(t)));
      if (t >= 1500) expect(store.get('idle'), `idle at ${t}`).to.equal(undefined);
    }
    expect(store.get('busy'), 'past its age').to.equal(undefined);
  });
});
