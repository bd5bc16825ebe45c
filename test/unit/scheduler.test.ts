import { expect } from 'chai';
import { currentSlot, cycleOf, nextRun, Scheduler } from '../../bot/scheduler';
import { digestPeriod } from '../../bot/follow-ups';
import { missedCycles } from '../../core/follow-up-rules';
import { isCadenceCycle } from '../../core/nudge-plan';

const monday9 = { day: 1, hour: 9, minute: 0 };

describe('schedule', () => {
  it('runs on Monday at 09:00 London time, in GMT and in BST', () => {
    expect(nextRun(new Date('2026-11-25T12:00:00Z'), monday9).toISOString()).to.equal('2026-11-30T09:00:00.000Z');
    expect(nextRun(new Date('2026-06-24T12:00:00Z'), monday9).toISOString()).to.equal('2026-06-29T08:00:00.000Z');
    // Just after this week's run: next week's.
    expect(nextRun(new Date('2026-11-30T09:00:01Z'), monday9).toISOString()).to.equal('2026-12-07T09:00:00.000Z');
    // The week the clocks go forward (Sun 29 Mar 2026).
    expect(nextRun(new Date('2026-03-28T12:00:00Z'), monday9).toISOString()).to.equal('2026-03-30T08:00:00.000Z');
  });

  it('names the cycle after the most recent slot, all week, whatever day it runs', () => {
    expect(cycleOf(new Date('2023-03-06T09:00:00Z'), monday9)).to.equal('2023-03-06');
    expect(cycleOf(new Date('2023-03-07T10:00:00Z'), monday9)).to.equal('2023-03-06'); // a Tuesday manual run
    expect(cycleOf(new Date('2023-03-13T08:59:59Z'), monday9)).to.equal('2023-03-06'); // the next Monday, before 09:00
    expect(cycleOf(new Date('2023-03-13T09:00:00Z'), monday9)).to.equal('2023-03-13');
    // In BST Monday 09:00 London is 08:00 UTC.
    expect(currentSlot(new Date('2023-06-12T08:30:00Z'), monday9).toISOString()).to.equal('2023-06-12T08:00:00.000Z');
    expect(currentSlot(new Date('2023-06-12T07:59:00Z'), monday9).toISOString()).to.equal('2023-06-05T08:00:00.000Z');
    // Friday 16:30 schedule, asked on the Sunday after.
    expect(cycleOf(new Date('2023-03-12T12:00:00Z'), { day: 5, hour: 16, minute: 30 })).to.equal('2023-03-10');
  });

  it('catches up on start and on every tick, one tick at a time, and stops cleanly', async () => {
    const calls: string[] = [];
    let inFlight = 0;
    let overlapped = false;
    const job = (name: string) => async () => {
      inFlight++;
      if (inFlight > 1) overlapped = true;
      calls.push(name);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
    };
    const s = new Scheduler(
      monday9,
      { nudges: job('nudges'), followUps: job('follow-ups'), log: () => undefined },
      () => new Date('2023-03-07T10:00:00Z'),
      60_000,
    );
    s.start();
    await Promise.all([s.tick(), s.tick()]);
    await s.stop();
    expect(calls).to.deep.equal(['nudges', 'follow-ups', 'nudges', 'follow-ups', 'nudges', 'follow-ups']);
    expect(overlapped).to.equal(false);
  });

  it('a failing job is logged and does not stop the follow-ups', async () => {
    const lines: string[] = [];
    let followUps = 0;
    const s = new Scheduler(
      monday9,
      { nudges: async () => Promise.reject(new Error('store offline')), followUps: async () => void followUps++, log: (l) => lines.push(l) },
      () => new Date('2023-03-07T10:00:00Z'),
    );
    await s.tick();
    await s.stop();
    expect(followUps).to.equal(1);
    expect(lines).to.deep.equal(['weekly prompt failed: store offline']);
  });

  it('says when the next weekly prompt is due, in London time', async () => {
    const lines: string[] = [];
    const s = new Scheduler(
      monday9,
      { nudges: async () => undefined, followUps: async () => undefined, log: (l) => lines.push(l) },
      () => new Date('2026-06-24T12:00:00Z'),
      60_000,
    );
    s.start();
    await s.stop();
    expect(lines).to.include('next weekly prompt: Mon 29 Jun 2026 at 09:00 (London)');
  });

  it('routine check-ins follow the group cadence: first week of the month or the quarter', () => {
    const monthly = { key: 'g', name: 'G', chairRole: '', cadence: 'monthly' as const, byException: true, reportingText: '' };
    const quarterly = { ...monthly, cadence: 'quarterly' as const };
    expect(isCadenceCycle(monthly, '2023-03-06')).to.equal(true);
    expect(isCadenceCycle(monthly, '2023-03-13')).to.equal(false);
    expect(isCadenceCycle(quarterly, '2023-04-03')).to.equal(true);
    expect(isCadenceCycle(quarterly, '2023-05-01')).to.equal(false);
    expect(digestPeriod(quarterly, '2023-04-03')).to.equal('2023-Q1');
    expect(digestPeriod(quarterly, '2024-01-01')).to.equal('2024-Q4'); // a key, unique per quarter
    expect(digestPeriod(monthly, '2023-04-03')).to.equal('2023-04');
  });

  it('counts missed cycles back to the last reply, not the prompt of the cycle still open', () => {
    const d = (cycle: string, repliedAt?: string) => ({ cycle, leadKey: 'x', state: 'sent' as const, actionRefs: [], repliedAt });
    const history = [d('2023-03-20'), d('2023-03-13'), d('2023-03-06', '2023-03-07T10:00:00Z'), d('2023-02-27')];
    // During the week of 20 Mar its prompt is still open: only 13 Mar is missed.
    expect(missedCycles(history, '2023-03-20')).to.equal(1);
    // Once the cycle of 27 Mar begins, 20 Mar is missed too.
    expect(missedCycles(history, '2023-03-27')).to.equal(2);
    // A prompt sent an hour ago is never missed.
    expect(missedCycles([d('2023-03-13')], '2023-03-13')).to.equal(0);
    // An answer to this cycle's prompt means nothing before it counts either.
    expect(missedCycles([d('2023-03-13', '2023-03-13T11:00:00Z'), d('2023-03-06')], '2023-03-13')).to.equal(0);
    expect(missedCycles([], '2023-03-13')).to.equal(0);
  });
});
