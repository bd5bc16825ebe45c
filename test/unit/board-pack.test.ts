// The board pack's rules, without files: which actions are exceptions and in
// what order, the default period, what one delivery group's pack holds.
import { expect } from 'chai';
import { buildBoardPack, changesInWords } from '../../core/board-pack/build';
import { historyPeriod, lastMonth, parsePeriodDate } from '../../core/board-pack/period';
import { InvalidError, NotFoundError } from '../../core/errors';
import type { Action, ActionUpdate, PlanSnapshot } from '../../core/model';
import { action, TODAY, twoGroups } from './two-group-plan';

const plan = (actions: Action[]): PlanSnapshot => ({
  ...twoGroups(),
  outcomes: [
    { ref: '1.1', priorityRef: '1', text: 'Feedback is used', leadKeys: ['sally-richardson'] },
    { ref: '3.1', priorityRef: '3', text: 'Assessments are timely', leadKeys: ['sally-richardson'] },
  ],
  actions: actions.map((value, i) => ({ value, etag: `"e${i}"` })),
  kpis: [
    {
      ref: '1.1.K1',
      priorityRef: '1',
      outcomeRef: '1.1',
      description: 'Complaints',
      baseline: '593',
      target3m: '15%',
      target6m: '10%',
      target12m: '5%',
    },
    { ref: '3.1.K1', priorityRef: '3', outcomeRef: '3.1', description: 'EHCPs in 20 weeks', target3m: '50%' },
  ],
  leads: [
    { key: 'jennifer-ashton', displayName: 'Jennifer Ashton', aliases: [] },
    { key: 'sally-richardson', displayName: 'Sally Richardson', aliases: [] },
  ],
});

describe('board pack period', () => {
  it('defaults to the month up to today, the last day of a shorter month when needed', () => {
    expect(lastMonth('2023-03-03')).to.deep.equal({ from: '2023-02-03', to: '2023-03-03' });
    expect(lastMonth('2023-03-31')).to.deep.equal({ from: '2023-02-28', to: '2023-03-31' });
    expect(lastMonth('2023-01-15')).to.deep.equal({ from: '2022-12-15', to: '2023-01-15' });
    expect(historyPeriod(TODAY, undefined, '2023-02-10')).to.deep.equal({ from: '2023-01-10', to: '2023-02-10' });
  });

  it('reads a date without a year as the latest one on or before today, since history is past', () => {
    expect(parsePeriodDate('1 Feb', TODAY)).to.equal('2023-02-01');
    expect(parsePeriodDate('3 Mar', TODAY)).to.equal('2023-03-03');
    expect(parsePeriodDate('4 Mar', TODAY)).to.equal('2022-03-04');
    expect(parsePeriodDate('29 Feb', '2025-03-01')).to.equal('2024-02-29');
    expect(parsePeriodDate('4/3', TODAY)).to.equal('2022-03-04');
    expect(parsePeriodDate('1 Jun 2023', TODAY)).to.equal('2023-06-01'); // a year given is kept, even ahead
    expect(parsePeriodDate('1/6/23', TODAY)).to.equal('2023-06-01');
    expect(parsePeriodDate('31 Feb', TODAY)).to.equal(undefined);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => historyPeriod(TODAY, '2023-03-01', '2023-02-01')).to.throw(
      InvalidError,
      'The period starts (1 Mar 2023) after it ends (1 Feb 2023)',
    );
  });
});

describe('buildBoardPack', () => {
  const actions = [
    action('1.1.1', { rag: 'Red', dueDate: '2023-04-30', originalDueDate: '2023-02-28', commentary: 'Moved to April' }),
    action('1.1.2', { rag: 'Amber', commentary: 'Short of staff' }),
    action('3.1.1', { rag: 'Green' }),
    action('3.1.2', { rag: 'Grey', dueDate: '2023-03-31', lastUpdatedAt: undefined }), // its due month has begun: not updated this cycle
  ];
  const update = (ref: string, at: string): ActionUpdate => ({
    id: `${ref}-${at}`,
    actionRef: ref,
    at,
    by: 'jennifer-ashton',
    byName: 'Jennifer Ashton',
    source: 'teams-card',
    kind: 'status',
    changes: [{ field: 'rag', from: 'Green', to: 'Amber' }],
    comment: 'Short of staff',
  });
  const history = [
    update('1.1.2', '2023-02-02T23:30:00Z'),
    update('1.1.2', '2023-02-03T00:30:00Z'),
    update('3.1.1', '2023-03-03T12:00:00Z'),
    update('1.1.1', '2023-03-04T09:00:00Z'),
  ];
  const measurements = [
    { id: 'a', kpiRef: '1.1.K1', measuredOn: '2023-02-28', value: '12%', recordedBy: 'cli', recordedAt: '2023-03-01T09:00:00Z' },
    { id: 'b', kpiRef: '1.1.K1', measuredOn: '2023-01-31', value: '14%', recordedBy: 'cli', recordedAt: '2023-03-02T09:00:00Z' },
  ];
  const input = { plan: plan(actions), history, measurements, trend: [], today: TODAY, period: lastMonth(TODAY) };

  it('counts RAG per priority and in all, and names leads', () => {
    const pack = buildBoardPack(input);
    expect(pack.title).to.equal('Continuous Improvement Plan – Board pack, as at 3 Mar 2023');
    expect(pack.priorities.map((p) => [p.ref, p.counts.Red, p.counts.Amber, p.counts.Green, p.counts.Grey])).to.deep.equal([
      ['1', 1, 1, 0, 0],
      ['3', 0, 0, 1, 1],
    ]);
    expect(pack.totals).to.deep.equal({ Grey: 1, Blue: 0, Green: 1, Amber: 1, Red: 1 });
    expect(pack.priorities[0].outcomes[0]).to.include({ ref: '1.1', text: 'Feedback is used' });
    expect(pack.priorities[0].actions[0].leads).to.deep.equal(['Jennifer Ashton']);
  });

  it("keeps the period's history only, by the London date of each update", () => {
    // 02 Feb 23:30 UTC is 2 Feb in London (winter), 3 Feb 00:30 UTC is 3 Feb; 4 Mar is after today.
    expect(buildBoardPack(input).history.map((h) => h.at)).to.deep.equal(['2023-02-03T00:30:00Z', '2023-03-03T12:00:00Z']);
  });

  it('takes the latest measurement by the date it was measured', () => {
    const kpi = buildBoardPack(input).kpis[0];
    expect(kpi.latest).to.deep.equal({ value: '12%', measuredOn: '2023-02-28', note: undefined });
    expect(buildBoardPack(input).kpis[1].latest).to.equal(undefined);
  });

  it("holds only one delivery group's priorities, exceptions, KPIs, history and trend when asked", () => {
    const trend = [
      { month: '2023-02', counts: { '1': { Grey: 2, Blue: 0, Green: 0, Amber: 0, Red: 0 }, '3': { Grey: 2, Blue: 0, Green: 0, Amber: 0, Red: 0 } } },
    ];
    const pack = buildBoardPack({ ...input, trend, groupKey: 'journey' });
    expect(pack.title).to.equal('Improving the SEND Journey – Board pack, as at 3 Mar 2023');
    expect(pack.priorities.map((p) => p.ref)).to.deep.equal(['3']);
    expect(pack.exceptions.map((e) => e.action.ref)).to.deep.equal(['3.1.2']);
    expect(pack.kpis.map((k) => k.ref)).to.deep.equal(['3.1.K1']);
    expect(pack.history.map((h) => h.actionRef)).to.deep.equal(['3.1.1']);
    expect(Object.keys(pack.trend[0].counts)).to.deep.equal(['3']);
  });

  it('refuses a delivery group that does not exist, naming the ones that do', () => {
    expect(() => buildBoardPack({ ...input, groupKey: 'nope' })).to.throw(NotFoundError, 'the keys are outcomes, journey');
  });

  it('puts changes into words, dates as the board reads them', () => {
    expect(
      changesInWords([
        { field: 'rag', from: 'Green', to: 'Red' },
        { field: 'dueDate', from: '2023-02-28', to: '2023-04-30' },
        { field: 'commentary', from: '', to: 'x' },
      ]),
    ).to.equal('RAG Green → Red; due 28 Feb 2023 → 30 Apr 2023');
  });
});
