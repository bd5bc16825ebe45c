// The one exceptions rule (core/exceptions.ts) that the tab and the board pack
// both call: which actions, under which heading, in what order, and why.
import { expect } from 'chai';
import { cycleStart, exceptionOf, selectExceptions } from '../../core/exceptions';
import { action, TODAY, twoGroups } from './two-group-plan';

const plan = twoGroups();

describe('exceptions (one rule for the tab and the board pack)', () => {
  it('orders Red, then Amber, then past due, then not updated this cycle, each by due date, undated last', () => {
    const actions = [
      action('3.1.1', { lastUpdatedAt: '2023-02-01T09:00:00Z', dueDate: undefined, dueNote: 'Dependent on funding' }),
      action('3.1.2', { rag: 'Amber', dueDate: '2023-05-31' }),
      action('3.1.3', { rag: 'Red', dueDate: '2023-06-30' }),
      action('3.1.4', { dueDate: '2023-02-28' }),
      action('3.1.5', { rag: 'Red', dueDate: '2023-02-28' }),
      action('3.1.6', { rag: 'Amber', dueDate: '2023-04-30' }),
      action('3.1.7', { rag: 'Grey', dueDate: '2023-01-31', lastUpdatedAt: undefined }),
      action('3.1.8', { lastUpdatedAt: '2023-02-02T09:00:00Z', dueDate: '2023-12-31' }),
      action('3.1.9'),
      action('3.1.10', { rag: 'Blue', dueDate: '2023-01-31', lastUpdatedAt: undefined }),
      action('3.1.11', { rag: 'Grey', dueDate: '2023-06-30', lastUpdatedAt: undefined }),
      action('3.1.12', { rag: 'Grey', dueDate: '2023-03-31', lastUpdatedAt: undefined }),
    ];
    expect(selectExceptions(actions, plan, TODAY).map((e) => [e.action.ref, e.category])).to.deep.equal([
      ['3.1.5', 'red'],
      ['3.1.3', 'red'],
      ['3.1.6', 'amber'],
      ['3.1.2', 'amber'],
      ['3.1.7', 'past-due'],
      ['3.1.4', 'past-due'],
      ['3.1.12', 'not-updated'],
      ['3.1.8', 'not-updated'],
      ['3.1.1', 'not-updated'],
    ]);
  });

  it('counts "not updated" from the start of the group\'s cycle: the month, or the quarter', () => {
    expect(cycleStart('monthly', TODAY)).to.equal('2023-03-01');
    expect(cycleStart('quarterly', TODAY)).to.equal('2023-01-01');
    const sinceJanuary = { lastUpdatedAt: '2023-01-15T09:00:00Z' };
    const quarterly = action('1.1.1', sinceJanuary);
    const monthly = action('3.1.1', sinceJanuary);
    expect(selectExceptions([quarterly, monthly], plan, TODAY).map((e) => e.action.ref)).to.deep.equal(['3.1.1']);
    expect(selectExceptions([quarterly], plan, '2023-04-03').map((e) => e.category)).to.deep.equal(['not-updated']);
    // The first London day of the month counts as this cycle: 00:30 BST on 1 Apr is 23:30Z on 31 Mar.
    expect(exceptionOf(action('3.1.1', { lastUpdatedAt: '2023-03-31T23:30:00Z' }), 'monthly', '2023-04-03')).to.equal(undefined);
  });

  it('says why in sentences, the most important first', () => {
    expect(
      exceptionOf(action('3.1.1', { rag: 'Red', dueDate: '2023-02-28', lastUpdatedAt: '2023-01-02T09:00:00Z' }), 'monthly', TODAY)!.reasons,
    ).to.deep.equal(['Red – missed its deadline.', 'Its new date, 28 Feb 2023, has passed.', 'No update this month (last 2 Jan 2023).']);
    expect(exceptionOf(action('1.1.2', { rag: 'Grey', dueDate: '2023-01-31', lastUpdatedAt: undefined }), 'quarterly', TODAY)!.reasons).to.deep.equal(
      ['Not started, and due 31 Jan 2023.', 'No update yet.'],
    );
    expect(exceptionOf(action('1.1.3', { dueDate: '2023-02-28', lastUpdatedAt: '2022-12-01T09:00:00Z' }), 'quarterly', TODAY)!.reasons).to.deep.equal(
      ['Green but due 28 Feb 2023: needs review.', 'No update this quarter (last 1 Dec 2022).'],
    );
  });

  it('never lists Blue; an action waiting for sign-off is past due once its date passes, but never "not updated"', () => {
    const reported = { lastUpdatedAt: '2022-12-01T09:00:00Z', completionReportedAt: '2022-12-01T09:00:00Z' };
    const waitingPastDue = action('3.1.1', { ...reported, dueDate: '2023-01-31' });
    const waitingNotDue = action('3.1.2', { ...reported, dueDate: '2023-06-30' });
    const blue = action('3.1.3', { rag: 'Blue', dueDate: '2023-01-31', lastUpdatedAt: undefined });
    const found = selectExceptions([waitingPastDue, waitingNotDue, blue], plan, TODAY);
    expect(found.map((e) => [e.action.ref, e.category, e.reasons])).to.deep.equal([
      ['3.1.1', 'past-due', ['Due 31 Jan 2023; reported complete and waiting for sign-off.']],
    ]);
  });
});
