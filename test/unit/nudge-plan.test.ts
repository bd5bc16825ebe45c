// What a nudge asks, rule by rule, with every expectation written out by hand
// (README "What a nudge asks"): no expected value here comes from the code under test.
import { expect } from 'chai';
import type { Action, DeliveryGroup, Lead } from '../../core/model';
import { planNudges, reasonsToAsk } from '../../core/nudge-plan';

const rules = { windowDays: 14, staleDays: 28, recentDays: 6 };
const monthly: DeliveryGroup = {
  key: 'monthly-group',
  name: 'Monthly',
  chairRole: 'Chair',
  cadence: 'monthly',
  byException: true,
  reportingText: 'Monthly or by exception',
};
const quarterly: DeliveryGroup = { ...monthly, key: 'quarterly-group', name: 'Quarterly', cadence: 'quarterly', reportingText: 'Quarterly' };

/** Updated three weeks before 13 Mar 2023: neither recent nor stale. */
const action = (over: Partial<Action>): Action => ({
  ref: '1.1.1',
  outcomeRef: '1.1',
  priorityRef: '1',
  text: 'An action',
  leadKeys: ['jo'],
  rag: 'Green',
  dueDate: '2023-09-30',
  lastUpdatedAt: '2023-02-20T10:00:00Z',
  ...over,
});

describe('what a nudge asks (core/nudge-plan)', () => {
  // Monday 13 Mar 2023 is the second cycle of March, so no routine check-ins are due.
  const cases: Array<{ name: string; action: Partial<Action>; group?: DeliveryGroup; today?: string; reasons: string[] }> = [
    { name: 'due within the window', action: { dueDate: '2023-03-20' }, reasons: ['Due 20 Mar 2023'] },
    { name: 'due on the last day of the window', action: { dueDate: '2023-03-27' }, reasons: ['Due 27 Mar 2023'] },
    { name: 'Green due after the window, quiet but not stale', action: { dueDate: '2023-03-28' }, reasons: [] },
    { name: 'Green past due', action: { dueDate: '2023-02-28' }, reasons: ['Green but due 28 Feb 2023: needs review.'] },
    { name: 'Grey once its due month has begun', action: { rag: 'Grey', dueDate: '2023-03-31' }, reasons: ['Not started, due 31 Mar 2023.'] },
    { name: 'Grey past due', action: { rag: 'Grey', dueDate: '2023-01-31' }, reasons: ['Not started, due 31 Jan 2023.'] },
    { name: 'Grey due in a later month', action: { rag: 'Grey', dueDate: '2023-05-31' }, reasons: [] },
    { name: 'Amber, due well ahead', action: { rag: 'Amber', dueDate: '2023-06-30' }, reasons: ['Amber: likely to miss its deadline'] },
    { name: 'Amber past due', action: { rag: 'Amber', dueDate: '2023-02-28' }, reasons: ['Amber but due 28 Feb 2023: needs review.'] },
    { name: 'Red, new date ahead', action: { rag: 'Red', dueDate: '2023-06-30' }, reasons: ['Red: missed its deadline'] },
    {
      name: 'Red whose new date has passed',
      action: { rag: 'Red', dueDate: '2023-03-01' },
      reasons: ['Its new date, 1 Mar 2023, has passed.', 'Red: missed its deadline'],
    },
    { name: 'recently updated, though due soon', action: { dueDate: '2023-03-20', lastUpdatedAt: '2023-03-10T12:00:00Z' }, reasons: [] },
    {
      name: 'recently updated, though Red and past its new date',
      action: { rag: 'Red', dueDate: '2023-03-01', lastUpdatedAt: '2023-03-08T12:00:00Z' },
      reasons: [],
    },
    {
      name: 'updated exactly the recent-days ago is no longer recent',
      action: { rag: 'Amber', lastUpdatedAt: '2023-03-07T12:00:00Z' },
      reasons: ['Amber: likely to miss its deadline'],
    },
    { name: 'Blue, even past due', action: { rag: 'Blue', dueDate: '2023-02-28' }, reasons: [] },
    { name: 'awaiting sign-off, even past due', action: { dueDate: '2023-02-28', completionReportedAt: '2023-02-27T09:00:00Z' }, reasons: [] },
    // Quiet stale actions follow the group's cadence.
    {
      name: 'stale, monthly group, first cycle of the month',
      action: { lastUpdatedAt: '2023-01-01T10:00:00Z' },
      today: '2023-03-06',
      reasons: ['No update for 64 days'],
    },
    { name: 'stale, monthly group, second cycle of the month', action: { lastUpdatedAt: '2023-01-01T10:00:00Z' }, reasons: [] },
    { name: 'never updated, monthly group, first cycle', action: { lastUpdatedAt: undefined }, today: '2023-03-06', reasons: ['No update yet'] },
    {
      name: 'stale, quarterly group, first cycle of the quarter',
      action: { lastUpdatedAt: '2023-01-01T10:00:00Z' },
      group: quarterly,
      today: '2023-04-03',
      reasons: ['No update for 92 days'],
    },
    {
      name: 'stale, quarterly group, first cycle of a month mid-quarter',
      action: { lastUpdatedAt: '2023-01-01T10:00:00Z' },
      group: quarterly,
      today: '2023-03-06',
      reasons: [],
    },
    {
      name: 'quiet but not yet stale, first cycle of the month',
      action: { lastUpdatedAt: '2023-02-20T10:00:00Z' },
      today: '2023-03-06',
      reasons: [],
    },
  ];

  for (const c of cases) {
    it(`${c.reasons.length ? 'asks' : 'skips'}: ${c.name}`, () => {
      expect(reasonsToAsk(action(c.action), c.group ?? monthly, c.today ?? '2023-03-13', rules)).to.deep.equal(c.reasons);
    });
  }

  describe('who is asked', () => {
    const lead = (key: string, over: Partial<Lead> = {}): Lead => ({
      key,
      displayName: key.toUpperCase(),
      aliases: [],
      aadObjectId: `id-${key}`,
      ...over,
    });
    const plan = {
      priorities: [{ ref: '1', title: 'P1', deliveryGroupKey: 'monthly-group' }],
      deliveryGroups: [monthly],
      leads: [lead('ann'), lead('bob', { awayUntil: '2023-03-20' }), lead('cat', { aadObjectId: undefined }), lead('dan'), lead('eve')],
      actions: [
        { value: action({ ref: '1.1.2', leadKeys: ['ann'], rag: 'Amber' }), etag: 'e2' },
        { value: action({ ref: '1.1.1', leadKeys: ['ann', 'bob'], dueDate: '2023-03-20' }), etag: 'e1' },
        { value: action({ ref: '1.1.3', leadKeys: ['cat'], rag: 'Red' }), etag: 'e3' },
        { value: action({ ref: '1.1.4', leadKeys: ['dan'], delegateKey: 'eve', rag: 'Amber' }), etag: 'e4' },
        { value: action({ ref: '1.1.5', leadKeys: ['dan'] }), etag: 'e5' }, // nothing to ask
      ],
    };
    const reachable = new Set(['ann', 'bob', 'dan', 'eve']);
    const result = planNudges(plan, '2023-03-13', rules, (l) => reachable.has(l.key));

    it('asks each lead once about all their actions, in ref order, and a delegate instead of the lead', () => {
      expect(result.cycle).to.equal('2023-03-13');
      expect(result.nudges.map((n) => [n.lead.key, n.items.map((i) => i.action.ref)])).to.deep.equal([
        ['ann', ['1.1.1', '1.1.2']],
        ['eve', ['1.1.4']],
      ]);
    });

    it('does not ask a lead who is away, nor one it cannot reach, and says why', () => {
      expect(result.skipped.map((s) => [s.lead.key, s.reason, s.items])).to.deep.equal([
        ['bob', 'away until 20 Mar 2023', 1],
        ['cat', 'not matched to a Teams account', 1],
      ]);
    });

    it('asks a lead back from being away', () => {
      const back = planNudges(plan, '2023-03-21', rules, (l) => reachable.has(l.key));
      expect(back.nudges.map((n) => n.lead.key)).to.include('bob');
    });
  });
});
