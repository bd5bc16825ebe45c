// Chasing, escalation, digests and delivery at scale, driven through the
// real nudge runner and the fake Teams connector with a controlled clock.
import { expect } from 'chai';
import { runFollowUps } from '../../bot/follow-ups';
import { runNudgeCycle } from '../../bot/nudge-runner';
import { VERBS } from '../../bot/cards/verbs';
import { cardText, DAVE, JEN, SALLY, startHarness, type Harness } from './harness';

const settings = { remindAfterDays: 3, escalateAfterCycles: 2 };

describe('chasing, escalation and digests', function () {
  this.timeout(30_000);
  let h: Harness;
  beforeEach(async () => (h = await startHarness()));
  afterEach(async () => h.close());

  it('reminds once after the configured days without a reply, and not someone who is away', async () => {
    for (const p of [JEN, DAVE]) await h.teams.install(p);
    await h.teams.say(DAVE, 'away until 8 Mar');
    h.clock.now = new Date('2023-03-06T09:00:00Z');
    await runNudgeCycle(h.app.nudgeDeps);
    h.clock.now = new Date('2023-03-08T10:00:00Z');
    expect((await runFollowUps(h.app.nudgeDeps, settings)).reminded).to.deep.equal([]);
    h.clock.now = new Date('2023-03-09T10:00:00Z');
    const sentBefore = h.connector.sent.length;
    expect((await runFollowUps(h.app.nudgeDeps, settings)).reminded).to.deep.equal(['jennifer-ashton']);
    expect(h.connector.sent.length).to.equal(sentBefore + 1);
    expect(h.connector.sent.at(-1)!.activity.summary).to.match(/^Reminder/);
    expect((await runFollowUps(h.app.nudgeDeps, settings)).reminded).to.deep.equal([]);
  });

  it('a reply stops the chasing', async () => {
    await h.teams.install(JEN);
    await runNudgeCycle(h.app.nudgeDeps);
    const a = (await h.store.getAction('1.1.3'))!;
    await h.teams.tap(JEN, VERBS.noChange, { ref: '1.1.3', etag: a.etag });
    h.clock.now = new Date('2023-03-10T10:00:00Z');
    expect((await runFollowUps(h.app.nudgeDeps, settings)).reminded).to.deep.equal([]);
  });

  it('tells the chair after the configured number of missed cycles, not before, and once', async () => {
    for (const p of [JEN, SALLY]) await h.teams.install(p);
    await h.app.services.store.setChair('improving-outcomes', 'sally-richardson');
    const aboutJen = async () => (await runFollowUps(h.app.nudgeDeps, settings)).escalated.filter((e) => e.leadKey === 'jennifer-ashton');
    await runNudgeCycle(h.app.nudgeDeps); // cycle 6 Mar
    h.clock.now = new Date('2023-03-13T09:00:00Z');
    await runNudgeCycle(h.app.nudgeDeps); // cycle 13 Mar
    // An hour after the second prompt only the first has been missed.
    h.clock.now = new Date('2023-03-13T10:00:00Z');
    expect(await aboutJen()).to.deep.equal([]);
    // Still within the cycle of 13 Mar the evening before the next prompt.
    h.clock.now = new Date('2023-03-20T08:59:00Z');
    expect(await aboutJen()).to.deep.equal([]);
    expect(h.connector.cards(h.teams.conversationOf(SALLY)).some((c) => cardText(c).includes('has not answered'))).to.equal(false);
    // The cycle of 20 Mar has begun: two prompts genuinely missed.
    h.clock.now = new Date('2023-03-20T10:00:00Z');
    expect(await aboutJen()).to.deep.equal([{ leadKey: 'jennifer-ashton', chairKey: 'sally-richardson', missed: 2 }]);
    expect(cardText(h.connector.cards(h.teams.conversationOf(SALLY)).find((c) => cardText(c).includes('Jennifer Ashton has not answered 2 prompts')))).to.contain('1.1.3');
    expect(await aboutJen()).to.deep.equal([]);
  });

  it('leaves an escalation retryable when the chair could not be reached, and sends it once they can be', async () => {
    for (const p of [JEN, SALLY]) await h.teams.install(p);
    await runNudgeCycle(h.app.nudgeDeps);
    h.clock.now = new Date('2023-03-13T09:00:00Z');
    await runNudgeCycle(h.app.nudgeDeps);
    h.clock.now = new Date('2023-03-20T10:00:00Z');
    // Every send to Sally fails in this run (400 is not worth retrying).
    h.connector.failures.set(h.teams.conversationOf(SALLY), [400, 400, 400, 400, 400]);
    const before = await runFollowUps(h.app.nudgeDeps, settings);
    h.connector.failures.delete(h.teams.conversationOf(SALLY));
    expect(before.escalated.filter((e) => e.leadKey === 'jennifer-ashton')).to.deep.equal([]);
    expect(await h.app.services.reach.getFollowUp({ kind: 'escalation', scope: '2023-03-13', subject: 'jennifer-ashton' })).to.include({ state: 'failed' });
    expect((await h.app.services.reach.getDelivery('2023-03-13', 'jennifer-ashton'))?.escalatedAt).to.equal(undefined);
    h.clock.now = new Date('2023-03-20T10:15:00Z');
    const after = await runFollowUps(h.app.nudgeDeps, settings);
    expect(after.escalated.filter((e) => e.leadKey === 'jennifer-ashton')).to.deep.equal([{ leadKey: 'jennifer-ashton', chairKey: 'sally-richardson', missed: 2 }]);
  });

  it('two instances running follow-ups together remind and escalate once', async () => {
    for (const p of [JEN, SALLY]) await h.teams.install(p);
    await runNudgeCycle(h.app.nudgeDeps);
    h.clock.now = new Date('2023-03-13T09:00:00Z');
    await runNudgeCycle(h.app.nudgeDeps);
    h.clock.now = new Date('2023-03-20T10:00:00Z');
    const sentBefore = h.connector.sent.length;
    const [a, b] = await Promise.all([
      runFollowUps({ ...h.app.nudgeDeps, owner: 'instance-a' }, settings),
      runFollowUps({ ...h.app.nudgeDeps, owner: 'instance-b' }, settings),
    ]);
    expect([...a.reminded, ...b.reminded].filter((k) => k === 'jennifer-ashton')).to.have.length(1);
    expect([...a.escalated, ...b.escalated].filter((e) => e.leadKey === 'jennifer-ashton')).to.have.length(1);
    expect(h.connector.sent.length - sentBefore).to.equal(a.reminded.length + b.reminded.length + a.escalated.length + b.escalated.length + a.digests.length + b.digests.length);
  });

  it('sends each chair one digest per period, with items awaiting sign-off signable from the card', async () => {
    for (const p of [JEN, SALLY]) await h.teams.install(p);
    const a = (await h.store.getAction('1.1.3'))!;
    await h.teams.tap(JEN, VERBS.saveUpdate, { ref: '1.1.3', etag: a.etag }, { rag: 'Blue', completionEvidence: 'Report to PACT' });
    h.clock.now = new Date('2023-04-03T10:00:00Z'); // first week of a quarter: Improving Outcomes reports quarterly
    const report = await runFollowUps(h.app.nudgeDeps, settings);
    expect(report.digests).to.deep.equal(['improving-outcomes']);
    const digest = h.connector.cards(h.teams.conversationOf(SALLY)).at(-1);
    const reported = (await h.store.getAction('1.1.3'))!;
    expect(cardText(digest)).to.contain(JSON.stringify({ ref: '1.1.3', etag: reported.etag }).slice(1, -1));
    const signed = await h.teams.tap(SALLY, VERBS.signOff, { ref: '1.1.3', etag: reported.etag });
    expect(cardText(signed.body.value)).to.match(/Saved/);
    expect((await h.store.getAction('1.1.3'))!.value.rag).to.equal('Blue');
    expect((await runFollowUps(h.app.nudgeDeps, settings)).digests).to.deep.equal([]);
  });

  it('a digest whose send failed goes on a later tick, and an away lead is not listed as not replying', async () => {
    for (const p of [JEN, SALLY]) await h.teams.install(p);
    await runNudgeCycle(h.app.nudgeDeps); // Jen is asked on 6 Mar and does not answer
    await h.teams.say(JEN, 'away until 30 Apr');
    h.clock.now = new Date('2023-04-03T10:00:00Z');
    h.connector.failures.set(h.teams.conversationOf(SALLY), [400, 400, 400, 400, 400]);
    expect((await runFollowUps(h.app.nudgeDeps, settings)).digests).to.deep.equal([]);
    h.connector.failures.delete(h.teams.conversationOf(SALLY));
    h.clock.now = new Date('2023-04-03T10:15:00Z');
    expect((await runFollowUps(h.app.nudgeDeps, settings)).digests).to.deep.equal(['improving-outcomes']);
    expect(cardText(h.connector.cards(h.teams.conversationOf(SALLY)).at(-1))).not.to.contain('Jennifer Ashton');
  });
});

describe('digest before a meeting', function () {
  this.timeout(30_000);
  let h: Harness;
  beforeEach(async () => (h = await startHarness()));
  afterEach(async () => h.close());

  it('goes to the chair in the days just before the group meets, once, naming the meeting', async () => {
    await h.teams.install(SALLY);
    await h.store.setNextMeeting('improving-outcomes', '2023-03-16');
    const withMeeting = { ...settings, digestDaysBefore: 3 };
    h.clock.now = new Date('2023-03-10T10:00:00Z');
    expect((await runFollowUps(h.app.nudgeDeps, withMeeting)).digests).to.deep.equal([]);
    h.clock.now = new Date('2023-03-13T10:00:00Z');
    expect((await runFollowUps(h.app.nudgeDeps, withMeeting)).digests).to.deep.equal(['improving-outcomes']);
    expect(cardText(h.connector.cards(h.teams.conversationOf(SALLY)).at(-1))).to.contain('16 Mar 2023');
    h.clock.now = new Date('2023-03-14T10:00:00Z');
    expect((await runFollowUps(h.app.nudgeDeps, withMeeting)).digests).to.deep.equal([]);
  });
});

describe('delivery at scale', function () {
  this.timeout(30_000);
  let h: Harness;
  beforeEach(async () => (h = await startHarness()));
  afterEach(async () => h.close());

  it('two app instances running the same cycle never both send', async () => {
    for (const p of [JEN, SALLY, DAVE]) await h.teams.install(p);
    h.connector.sent.length = 0;
    const [a, b] = await Promise.all([
      runNudgeCycle({ ...h.app.nudgeDeps, owner: 'instance-a' }),
      runNudgeCycle({ ...h.app.nudgeDeps, owner: 'instance-b' }),
    ]);
    expect([...a.sent, ...b.sent].map((s) => s.leadKey).sort()).to.deep.equal(['dave-carr', 'jennifer-ashton', 'sally-richardson']);
    expect(h.connector.sent).to.have.length(3);
  });

  it('backs off on 429 and retries 502 and 412, then delivers once', async () => {
    await h.teams.install(JEN);
    const conv = h.teams.conversationOf(JEN);
    h.connector.sent.length = 0;
    h.connector.attempts.length = 0;
    h.connector.failures.set(conv, [429, 502]);
    const report = await runNudgeCycle(h.app.nudgeDeps);
    expect(report.sent.map((s) => s.leadKey)).to.deep.equal(['jennifer-ashton']);
    expect(h.connector.attempts.filter((c) => c === conv)).to.have.length(3);
    expect(h.connector.sent).to.have.length(1);
  });

  it('records a delivery that failed and lets a later run deliver it', async () => {
    await h.teams.install(JEN);
    const conv = h.teams.conversationOf(JEN);
    h.connector.failures.set(conv, [400]); // not worth retrying: recorded as failed
    const first = await runNudgeCycle(h.app.nudgeDeps);
    expect(first.failed.map((f) => f.leadKey)).to.deep.equal(['jennifer-ashton']);
    expect((await h.app.services.reach.getDelivery('2023-03-06', 'jennifer-ashton'))?.state).to.equal('failed');
    const second = await runNudgeCycle(h.app.nudgeDeps);
    expect(second.sent.map((s) => s.leadKey)).to.deep.equal(['jennifer-ashton']);
  });
});
