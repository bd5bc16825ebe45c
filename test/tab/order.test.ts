// The tab's list orders: sortable columns and "most urgent first".
import { expect } from 'chai';
import type { ActionFlag, RagWord } from '../../tab/api/contract';
import { mostUrgentFirst, sortRows } from '../../tab/web/order';

const row = (ref: string, rag: RagWord, dueDate?: string, flags: ActionFlag[] = []) => ({ ref, rag, dueDate, flags });

describe('tab list order', () => {
  const rows = [
    row('3.7.10', 'Green', '2023-06-30'),
    row('3.7.8', 'Red', '2023-09-30'),
    row('3.7.9', 'Amber'),
    row('1.2.1', 'Blue', '2023-03-31'),
    row('3.7.2', 'Grey', '2023-06-30'),
  ];

  it('sorts refs naturally both ways: 3.7.8 before 3.7.10', () => {
    expect(sortRows(rows, { key: 'ref', direction: 'ascending' }).map((r) => r.ref)).to.deep.equal(['1.2.1', '3.7.2', '3.7.8', '3.7.9', '3.7.10']);
    expect(sortRows(rows, { key: 'ref', direction: 'descending' }).map((r) => r.ref)).to.deep.equal(['3.7.10', '3.7.9', '3.7.8', '3.7.2', '1.2.1']);
  });

  it('sorts by due date with undated actions last either way, ties by ref', () => {
    expect(sortRows(rows, { key: 'due', direction: 'ascending' }).map((r) => r.ref)).to.deep.equal(['1.2.1', '3.7.2', '3.7.10', '3.7.8', '3.7.9']);
    expect(sortRows(rows, { key: 'due', direction: 'descending' }).map((r) => r.ref)).to.deep.equal(['3.7.8', '3.7.2', '3.7.10', '1.2.1', '3.7.9']);
  });

  it('sorts by status, most serious first when ascending', () => {
    expect(sortRows(rows, { key: 'status', direction: 'ascending' }).map((r) => r.rag)).to.deep.equal(['Red', 'Amber', 'Green', 'Blue', 'Grey']);
    expect(sortRows(rows, { key: 'status', direction: 'descending' }).map((r) => r.rag)).to.deep.equal(['Grey', 'Blue', 'Green', 'Amber', 'Red']);
  });

  it('does not reorder the list it was given', () => {
    const before = rows.map((r) => r.ref);
    sortRows(rows, { key: 'status', direction: 'descending' });
    expect(rows.map((r) => r.ref)).to.deep.equal(before);
  });

  it('puts what needs an update first, then the most serious, then the earliest date', () => {
    const mine = [
      row('1.1.1', 'Red', '2023-06-30'),
      row('1.1.2', 'Green', '2023-03-31', ['not-updated-this-cycle']),
      row('1.1.3', 'Amber', '2023-05-31', ['overdue']),
      row('1.1.4', 'Amber', '2023-04-30', ['needs-review']),
      row('1.1.5', 'Grey', '2023-01-31'),
    ];
    expect(mostUrgentFirst(mine).map((r) => r.ref)).to.deep.equal(['1.1.4', '1.1.3', '1.1.2', '1.1.1', '1.1.5']);
  });
});
