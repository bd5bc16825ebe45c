// Chasing, escalation, digests and delivery at scale, driven through the
// real nudge runner and the fake Teams connector with a controlled clock.
import { expect } from 'chai';
import { runFollowUps } from '../../bot/follow-ups';
import { planCycle, runNudgeCycle, type NudgeDeps } from '../../bot/nudge-runner';
import { MONDAY_0900, Scheduler } from '../../bot/scheduler';
import type { ReachStore } from '../../core/reach';
import { VERBS } from '../../bot/cards/verbs';
import { cardText, DAVE, JEN, SALLY, SAPPHIRE, startHarness, type Harness } from './harness';

const settings = { remindAfterDays: 3, escalateAfterCycles: 2 };

/** Prompts go out on 6 and 13 Mar and nobody answers; the clock stops on 20 Mar, 10:00, after both cycles ended. */
async function missTwoCycles(h: Harness): Promise<void> {
  await runNudgeCycle(h.app.nudgeDeps);
  h.clock.now = new Date('2023-03-13T09:00:00Z');
  await runNudgeCycle(h.app.nudgeDeps);
  h.clock.now = new Date('2023-03-20T10:00:00Z');
}

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
    expect(
      cardText(h.connector.cards(h.teams.conversationOf(SALLY)).find((c) => cardText(c).includes('Jennifer Ashton has not answered 2 prompts'))),
    ).to.contain('1.1.3');
    expect(await aboutJen()).to.deep.equal([]);
  });

  it('leaves an escalation retryable when the chair could not be reached, and sends it once they can be', async () => {
    for (const p of [JEN, SALLY]) await h.teams.install(p);
    await missTwoCycles(h);
    // Every send to Sally fails in this run (400 is not worth retrying).
    h.connector.failures.set(h.teams.conversationOf(SALLY), [400, 400, 400, 400, 400]);
    const before = await runFollowUps(h.app.nudgeDeps, settings);
    h.connector.failures.delete(h.teams.conversationOf(SALLY));
    expect(before.escalated.filter((e) => e.leadKey === 'jennifer-ashton')).to.deep.equal([]);
    expect(
      await h.app.services.reach.getFollowUp({ kind: 'escalation', scope: '2023-03-13', subject: 'jennifer-ashton to sally-richardson' }),
    ).to.include({ state: 'failed' });
    expect((await h.app.services.reach.getDelivery('2023-03-13', 'jennifer-ashton'))?.escalatedAt).to.equal(undefined);
    h.clock.now = new Date('2023-03-20T10:15:00Z');
    const after = await runFollowUps(h.app.nudgeDeps, settings);
    expect(after.escalated.filter((e) => e.leadKey === 'jennifer-ashton')).to.deep.equal([
      { leadKey: 'jennifer-ashton', chairKey: 'sally-richardson', missed: 2 },
    ]);
  });

  it('tells each chair of a lead whose actions span two groups once, retrying only the chair whose send failed', async () => {
    await h.store.setChair('communications', 'dave-carr');
    for (const p of [JEN, SALLY, DAVE]) await h.teams.install(p);
    await missTwoCycles(h);
    h.connector.failures.set(h.teams.conversationOf(DAVE), [400, 400, 400, 400, 400]);
    const first = await runFollowUps(h.app.nudgeDeps, settings);
    h.connector.failures.delete(h.teams.conversationOf(DAVE));
    expect(first.escalated.filter((e) => e.leadKey === 'jennifer-ashton').map((e) => e.chairKey)).to.deep.equal(['sally-richardson']);
    expect((await h.app.services.reach.getDelivery('2023-03-13', 'jennifer-ashton'))?.escalatedAt).to.equal(undefined);

    h.clock.now = new Date('2023-03-20T10:15:00Z');
    const second = await runFollowUps(h.app.nudgeDeps, settings);
    expect(second.escalated.filter((e) => e.leadKey === 'jennifer-ashton').map((e) => e.chairKey)).to.deep.equal(['dave-carr']);
    expect((await h.app.services.reach.getDelivery('2023-03-13', 'jennifer-ashton'))?.escalatedAt).to.be.a('string');
    const aboutJen = (conversation: string) =>
      h.connector.sent.filter((a) => a.conversationId === conversation && JSON.stringify(a.activity).includes('Jennifer Ashton has not answered'));
    expect(aboutJen(h.teams.conversationOf(SALLY))).to.have.length(1);
    expect(aboutJen(h.teams.conversationOf(DAVE))).to.have.length(1);

    h.clock.now = new Date('2023-03-20T10:30:00Z');
    expect((await runFollowUps(h.app.nudgeDeps, settings)).escalated.filter((e) => e.leadKey === 'jennifer-ashton')).to.deep.equal([]);
  });

  it('two instances running follow-ups together remind and escalate once', async () => {
    for (const p of [JEN, SALLY]) await h.teams.install(p);
    await missTwoCycles(h);
    const sentBefore = h.connector.sent.length;
    const [a, b] = await Promise.all([
      runFollowUps({ ...h.app.nudgeDeps, owner: 'instance-a' }, settings),
      runFollowUps({ ...h.app.nudgeDeps, owner: 'instance-b' }, settings),
    ]);
    expect([...a.reminded, ...b.reminded].filter((k) => k === 'jennifer-ashton')).to.have.length(1);
    expect([...a.escalated, ...b.escalated].filter((e) => e.leadKey === 'jennifer-ashton')).to.have.length(1);
    expect(h.connector.sent.length - sentBefore).to.equal(
      a.reminded.length + b.reminded.length + a.escalated.length + b.escalated.length + a.digests.length + b.digests.length,
    );
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

describe('restarts and repeat runs', function () {
  this.timeout(30_000);
  let h: Harness;
  beforeEach(async () => (h = await startHarness()));
  afterEach(async () => h.close());

  const PEOPLE = [JEN, SALLY, DAVE, SAPPHIRE];
  /** Weekly prompt cards per conversation (reminders and digests aside). */
  const promptsPerChat = () => {
    const counts = new Map<string, number>();
    for (const s of h.connector.sent) {
      if (/to update$/.test(String(s.activity.summary ?? ''))) counts.set(s.conversationId, (counts.get(s.conversationId) ?? 0) + 1);
    }
    return counts;
  };
  const schedulerFor = (deps: NudgeDeps) =>
    new Scheduler(
      MONDAY_0900,
      { nudges: () => runNudgeCycle(deps), followUps: async () => undefined, log: () => undefined },
      () => h.clock.now,
      60 * 60_000,
    );

  it('a process that dies mid-run is finished by the next one: everyone gets exactly one card', async () => {
    for (const p of PEOPLE) await h.teams.install(p);
    h.connector.sent.length = 0;
    const reach = h.app.services.reach;
    let claims = 0;
    // The first process sends two cards, claims a third lead and dies before sending to them.
    const dying: ReachStore = Object.assign(Object.create(reach) as ReachStore, {
      claimDelivery: async (...args: Parameters<ReachStore['claimDelivery']>) => {
        const won = await reach.claimDelivery(...args);
        if (++claims === 3) throw new Error('process stopped');
        return won;
      },
    });
    // One lead at a time: a thrown error stands for the process dying, which (unlike a
    // throw) would also stop deliveries in flight. test/drills/crash.test.ts kills a real process.
    await runNudgeCycle({ ...h.app.nudgeDeps, reach: dying, owner: 'first', concurrency: 1 }).catch(() => undefined);
    expect((await planCycle(h.app.nudgeDeps)).nudges.nudges).to.have.length(4);
    expect([...promptsPerChat().values()]).to.deep.equal([1, 1]);

    // Restarted at 09:05: the slot has passed and the cycle is not complete, so start() resumes it.
    h.clock.now = new Date('2023-03-06T09:05:00Z');
    const second = schedulerFor({ ...h.app.nudgeDeps, owner: 'second' });
    second.start();
    await second.tick();
    // The lead the dead process claimed waits for its lease (10 minutes) to lapse, then the next tick sends.
    expect(promptsPerChat().size).to.equal(3);
    h.clock.now = new Date('2023-03-06T09:20:00Z');
    await second.tick();
    await second.stop();
    const counts = promptsPerChat();
    expect(counts.size).to.equal(4);
    expect([...counts.values()]).to.deep.equal([1, 1, 1, 1]);
  });

  it('a Monday run then a manual run on Tuesday sends no second card', async () => {
    for (const p of PEOPLE) await h.teams.install(p);
    const monday = await runNudgeCycle(h.app.nudgeDeps);
    expect(monday.sent).to.have.length(4);
    h.clock.now = new Date('2023-03-07T10:00:00Z');
    const tuesday = await runNudgeCycle({ ...h.app.nudgeDeps, owner: 'planpulse-nudge-command' });
    expect(tuesday.cycle).to.equal('2023-03-06');
    expect(tuesday.sent).to.deep.equal([]);
    expect([...promptsPerChat().values()]).to.deep.equal([1, 1, 1, 1]);
  });

  it('retries a failed delivery on the next tick, up to the cap', async () => {
    await h.teams.install(JEN);
    await h.teams.install(DAVE);
    h.connector.failures.set(h.teams.conversationOf(JEN), [400]);
    h.connector.failures.set(h.teams.conversationOf(DAVE), [400, 400, 400]);
    const scheduler = schedulerFor({ ...h.app.nudgeDeps, maxAttempts: 2 });
    await scheduler.tick();
    expect((await h.app.services.reach.getDelivery('2023-03-06', 'jennifer-ashton'))?.state).to.equal('failed');
    h.clock.now = new Date('2023-03-06T10:00:00Z');
    await scheduler.tick();
    expect(await h.app.services.reach.getDelivery('2023-03-06', 'jennifer-ashton')).to.include({ state: 'sent', attempts: 1 });
    expect(await h.app.services.reach.getDelivery('2023-03-06', 'dave-carr')).to.include({ state: 'failed', attempts: 2 });
    // Dave's two attempts are spent: a third tick leaves him for next week.
    await scheduler.tick();
    await scheduler.stop();
    expect(h.connector.failures.get(h.teams.conversationOf(DAVE))).to.deep.equal([400]);
    expect(promptsPerChat().get(h.teams.conversationOf(JEN))).to.equal(1);
    expect(promptsPerChat().has(h.teams.conversationOf(DAVE))).to.equal(false);
  });
});
