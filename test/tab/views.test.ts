// The tab's view functions in core, on small hand-made plans.
import { expect } from 'chai';
import type { Action, ActionUpdate, Kpi, Lead, PlanSnapshot } from '../../core/model';
import { monthJustEnded } from '../../core/snapshots';
import { unreachableInWords } from '../../core/unreachable';
import { cycleStart, flagsOf } from '../../core/views/action-row';
import { slippageLedger } from '../../core/views/action-detail';
import { trendOf } from '../../core/views/board-view';
import { groupView } from '../../core/views/group-view';
import { aimOf, trajectory } from '../../core/views/kpi-view';
import { indexPlan } from '../../core/views/plan-index';
import { partsOf, PART_CHARS } from '../../store/sharepoint/month-snapshots';

const chair: Lead = { key: 'chair', displayName: 'Cora Chair', aliases: [] };
const lead: Lead = { key: 'lee', displayName: 'Lee Lead', aliases: [] };
const other: Lead = { key: 'olly', displayName: 'Olly Other', aliases: [] };

function act(ref: string, over: Partial<Action> = {}): Action {
  return {
    ref,
    outcomeRef: ref.split('.').slice(0, 2).join('.'),
    priorityRef: ref.split('.')[0],
    text: `Action ${ref}`,
    leadKeys: ['lee'],
    rag: 'Green',
    lastUpdatedAt: '2023-04-02T10:00:00Z',
    ...over,
  };
}

function plan(actions: Action[]): PlanSnapshot {
  return {
    deliveryGroups: [
      { key: 'g', name: 'Group', chairRole: 'Head', chairLeadKey: 'chair', cadence: 'monthly', byException: true, reportingText: 'Monthly' },
    ],
    priorities: [{ ref: '3', title: 'Three', deliveryGroupKey: 'g' }],
    outcomes: [{ ref: '3.7', priorityRef: '3', text: 'Outcome 3.7', leadKeys: ['lee'] }],
    actions: actions.map((value, i) => ({ value, etag: `"{x},${i}"` })),
    kpis: [],
    leads: [chair, lead, other],
  };
}

const view = (actions: Action[], viewer = chair, extra: { changedSince?: string } = {}) =>
  groupView({
    ix: indexPlan(plan(actions)),
    viewer,
    groupKey: 'g',
    today: '2023-04-03',
    asAt: '2023-04-03T09:00:00Z',
    unreachable: new Map(),
    ...extra,
  })!;

describe('tab views (core)', () => {
  it('sorts refs naturally: 3.7.8 before 3.7.10', () => {
    const v = view([act('3.7.10', { dueDate: '2023-06-30' }), act('3.7.8', { dueDate: '2023-06-30' }), act('3.7.9', { dueDate: '2023-06-30' })]);
    expect(v.outcomes[0].actions.map((a) => a.ref)).to.deep.equal(['3.7.8', '3.7.9', '3.7.10']);
  });

  it('lists exceptions Red, then Amber, then past due, then not updated this cycle, each by due date', () => {
    const v = view([
      act('3.7.1', { rag: 'Amber', dueDate: '2023-09-30', commentary: 'late' }),
      act('3.7.2', { rag: 'Red', dueDate: '2023-08-31' }),
      act('3.7.3', { rag: 'Green', dueDate: '2023-03-31' }),
      act('3.7.4', { rag: 'Green', dueDate: '2023-12-31', lastUpdatedAt: '2023-03-10T10:00:00Z' }),
      act('3.7.5', { rag: 'Amber', dueDate: '2023-05-31', commentary: 'late' }),
      act('3.7.6', { rag: 'Red', dueDate: '2023-07-31' }),
      act('3.7.7', { rag: 'Green', dueDate: '2023-12-31' }),
      act('3.7.8', { rag: 'Grey', dueDate: '2023-12-31', lastUpdatedAt: undefined }),
      act('3.7.9', { rag: 'Blue', dueDate: '2023-01-31', lastUpdatedAt: undefined }),
    ]);
    expect(v.exceptions.map((a) => a.ref)).to.deep.equal(['3.7.6', '3.7.2', '3.7.5', '3.7.1', '3.7.3', '3.7.4']);
    expect(v.counts).to.deep.equal({ Grey: 1, Blue: 1, Green: 3, Amber: 2, Red: 2 });
    expect(v.notUpdatedThisCycle).to.equal(1);
  });

  it('flags what the filters need', () => {
    const a = act('3.7.1', {
      rag: 'Green',
      dueDate: '2023-03-31',
      completionReportedAt: '2023-04-01T09:00:00Z',
      leadKeys: [],
      lastUpdatedAt: '2023-03-01T09:00:00Z',
    });
    // Reported complete: the next move is the chair's, so it is not "not updated this cycle" (core/exceptions.ts).
    expect(flagsOf(a, 'monthly', '2023-04-03', '2023-02-28')).to.deep.equal(['overdue', 'awaiting-sign-off', 'unassigned', 'changed-since']);
    expect(flagsOf({ ...a, completionReportedAt: undefined }, 'monthly', '2023-04-03', '2023-02-28')).to.include('not-updated-this-cycle');
    expect(flagsOf(act('3.7.2', { rag: 'Amber', dueDate: '2023-03-31' }), 'monthly', '2023-04-03')).to.deep.equal(['overdue', 'needs-review']);
    expect(
      flagsOf(act('3.7.3', { rag: 'Green', dueDate: '2023-06-30', lastUpdatedAt: '2023-01-10T09:00:00Z' }), 'quarterly', '2023-04-03'),
    ).to.include('not-updated-this-cycle');
  });

  it('defaults "changed since" to the last meeting, else the last month-end snapshot', () => {
    const withMeeting = plan([act('3.7.1', { lastUpdatedAt: '2023-03-20T10:00:00Z' }), act('3.7.2', { lastUpdatedAt: '2023-03-10T10:00:00Z' })]);
    withMeeting.deliveryGroups[0].nextMeeting = '2023-03-14';
    const v = groupView({
      ix: indexPlan(withMeeting),
      viewer: chair,
      groupKey: 'g',
      today: '2023-04-03',
      asAt: '',
      unreachable: new Map(),
      lastSnapshotMonthEnd: '2023-03-31',
    })!;
    expect(v.changedSince).to.equal('2023-03-14');
    expect(v.group.lastMeeting).to.equal('2023-03-14');
    expect(v.group).to.not.have.property('nextMeeting');
    expect(v.outcomes[0].actions.filter((a) => a.flags.includes('changed-since')).map((a) => a.ref)).to.deep.equal(['3.7.1']);
    withMeeting.deliveryGroups[0].nextMeeting = '2023-04-12';
    const ahead = groupView({
      ix: indexPlan(withMeeting),
      viewer: chair,
      groupKey: 'g',
      today: '2023-04-03',
      asAt: '',
      unreachable: new Map(),
      lastSnapshotMonthEnd: '2023-03-31',
    })!;
    expect(ahead.changedSince).to.equal('2023-03-31');
    expect(ahead.group.nextMeeting).to.equal('2023-04-12');
  });

  it('starts a cycle at the month or the quarter', () => {
    expect(cycleStart('monthly', '2023-05-17')).to.equal('2023-05-01');
    expect(cycleStart('quarterly', '2023-05-17')).to.equal('2023-04-01');
    expect(cycleStart('quarterly', '2023-12-31')).to.equal('2023-10-01');
  });

  it('gives a plan without outcomes one section with ref ""', () => {
    const v = view([act('3.7.1', { outcomeRef: '' }), act('3.7.2', { outcomeRef: '' })]);
    expect(v.outcomes.map((o) => [o.ref, o.actions.length])).to.deep.equal([['', 2]]);
    expect(v.outcomes[0].actions[0]).to.not.have.property('outcomeRef');
  });

  it("shows a lead only their own rows, with the group's counts, and refuses an outsider", () => {
    const actions = [act('3.7.1'), act('3.7.2', { leadKeys: ['chair'] })];
    const v = view(actions, lead);
    expect(v.outcomes.flatMap((o) => o.actions).map((a) => a.ref)).to.deep.equal(['3.7.1']);
    expect(v.counts.Green).to.equal(2);
    expect(groupView({ ix: indexPlan(plan(actions)), viewer: other, groupKey: 'g', today: '2023-04-03', asAt: '', unreachable: new Map() })).to.equal(
      undefined,
    );
  });

  it('keeps the slippage ledger from the planned date through each move', () => {
    const history: ActionUpdate[] = [
      {
        id: '1',
        actionRef: '3.7.1',
        at: '2023-03-01T09:12:00Z',
        by: 'lee',
        byName: 'Lee Lead',
        source: 'tab',
        kind: 'status',
        changes: [{ field: 'dueDate', from: '2023-02-28', to: '2023-04-30' }],
        comment: 'Waiting for data',
      },
      {
        id: '2',
        actionRef: '3.7.1',
        at: '2023-03-05T09:12:00Z',
        by: 'lee',
        byName: 'Lee Lead',
        source: 'tab',
        kind: 'status',
        changes: [{ field: 'rag', from: 'Green', to: 'Amber' }],
        comment: 'x',
      },
      {
        id: '3',
        actionRef: '3.7.1',
        at: '2023-04-02T14:05:00Z',
        by: 'lee',
        byName: 'Lee Lead',
        source: 'teams-chat',
        kind: 'status',
        changes: [{ field: 'dueDate', from: '2023-04-30', to: '2023-06-30' }],
        comment: 'Panel capacity fell',
      },
    ];
    expect(slippageLedger(act('3.7.1', { dueDate: '2023-06-30', originalDueDate: '2023-02-28' }), history)).to.deep.equal([
      { date: '2023-02-28', byName: 'From the plan', fromPlan: true },
      { date: '2023-04-30', byName: 'Lee Lead', at: '2023-03-01T09:12:00Z', why: 'Waiting for data', fromPlan: false },
      { date: '2023-06-30', byName: 'Lee Lead', at: '2023-04-02T14:05:00Z', why: 'Panel capacity fell', fromPlan: false },
    ]);
  });

  it('reads a KPI against its trajectory in words', () => {
    const lower: Kpi = {
      ref: '1.1.K1',
      priorityRef: '1',
      outcomeRef: '1.1',
      description: 'Complaints',
      baseline: "593 (6% of EHCP's in 2022)",
      target3m: '15%',
      target6m: '10%',
      target12m: '5%',
    };
    const higher: Kpi = {
      ref: '1.1.K2',
      priorityRef: '1',
      outcomeRef: '1.1',
      description: 'On time',
      target3m: '40%',
      target6m: '60%',
      target12m: '80%',
    };
    const m = (value: string) => ({ id: 'm', kpiRef: 'k', measuredOn: '2023-06-30', value, recordedBy: 'chair', recordedAt: '2023-07-01T09:00:00Z' });
    expect(aimOf(lower)).to.equal('lower');
    expect(aimOf(higher)).to.equal('higher');
    expect(trajectory(lower, m('12%'), '2023-01-01', '2023-07-02')).to.deep.equal({ status: 'behind', words: 'Behind the 6-month target (10%)' });
    expect(trajectory(lower, m('8%'), '2023-01-01', '2023-07-02')).to.deep.equal({ status: 'on-track', words: 'On trajectory' });
    expect(trajectory(higher, m('35%'), '2023-01-01', '2023-04-02')).to.deep.equal({ status: 'behind', words: 'Behind the 3-month target (40%)' });
    expect(trajectory(higher, m('35%'), '2023-01-01', '2023-03-02')).to.deep.equal({ status: 'on-track', words: 'On trajectory' });
    expect(trajectory(higher, undefined, '2023-01-01', '2023-03-02')).to.deep.equal({ status: 'not-measured', words: 'No measurement yet' });
    expect(
      trajectory({ ...higher, target3m: 'In place', target6m: undefined, target12m: undefined }, m('Yes'), '2023-01-01', '2023-07-02').words,
    ).to.equal("Can't compare");
  });

  it('counts the trend per month and per priority', () => {
    const trend = trendOf([
      { month: '2023-04', takenAt: 't2', actions: [{ ref: '1.1.1', priorityRef: '1', rag: 'Red' }] },
      {
        month: '2023-03',
        takenAt: 't1',
        actions: [
          { ref: '1.1.1', priorityRef: '1', rag: 'Green' },
          { ref: '2.1.1', priorityRef: '2', rag: 'Grey' },
        ],
      },
    ]);
    expect(trend.map((t) => t.month)).to.deep.equal(['2023-03', '2023-04']);
    expect(trend[0].byPriority['2']).to.deep.equal({ Grey: 1, Blue: 0, Green: 0, Amber: 0, Red: 0 });
    expect(trend[1].counts.Red).to.equal(1);
  });

  it('knows which month just ended, in London', () => {
    expect(monthJustEnded(new Date('2023-03-31T23:30:00Z'))).to.equal('2023-03'); // 00:30 BST on 1 April
    expect(monthJustEnded(new Date('2023-03-31T22:30:00Z'))).to.equal('2023-02');
    expect(monthJustEnded(new Date('2023-01-05T09:00:00Z'))).to.equal('2022-12');
  });

  it('cuts 10,000 actions into SharePoint-sized parts and back', () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => ({
      ref: `${(i % 5) + 1}.${i % 40}.${i}`,
      priorityRef: String((i % 5) + 1),
      rag: 'Amber' as const,
      dueDate: '2024-03-31',
    }));
    const parts = partsOf(entries);
    expect(parts.length).to.be.greaterThan(1);
    for (const p of parts) expect(p.length).to.be.at.most(PART_CHARS);
    const back = parts.flatMap((p) => JSON.parse(p) as unknown[]);
    expect(back).to.have.length(10_000);
  });

  it('says why a lead cannot be reached in plain words', () => {
    expect(unreachableInWords({ why: 'not-installed' })).to.equal('never added PlanPulse in Teams');
    expect(unreachableInWords({ why: 'uninstalled' })).to.equal('removed PlanPulse');
    expect(unreachableInWords({ why: 'blocked' })).to.equal('blocked its messages');
  });
});
