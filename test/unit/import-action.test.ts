import { expect } from 'chai';
import { importIntoAction, importRecord } from '../../core/import/import-action';
import type { Action } from '../../core/model';

const action: Action = {
  ref: '1.2.2',
  outcomeRef: '1.2',
  priorityRef: '1',
  text: 'Publish the dashboard',
  dueDate: '2023-03-31',
  originalDueDate: '2023-03-31',
  leadKeys: ['sally-richardson'],
  rag: 'Green',
  commentary: 'On track',
};

describe('an import changing one action', () => {
  it('moves an unmoved due date with the plan, and records from and to', () => {
    const { next, changes } = importIntoAction(action, { originalDueDate: '2023-04-30', dueDate: '2023-04-30' });
    expect(next).to.deep.equal({ ...action, originalDueDate: '2023-04-30', dueDate: '2023-04-30' });
    expect(changes).to.deep.equal([
      { field: 'originalDueDate', from: '2023-03-31', to: '2023-04-30' },
      { field: 'dueDate', from: '2023-03-31', to: '2023-04-30' },
    ]);
  });

  it('leaves a due date a lead moved, whatever the patch was worked out from', () => {
    const moved = { ...action, dueDate: '2023-09-30', rag: 'Red' as const };
    const { next, changes } = importIntoAction(moved, { originalDueDate: '2023-04-30', dueDate: '2023-04-30' });
    expect(next.dueDate).to.equal('2023-09-30');
    expect(changes).to.deep.equal([{ field: 'originalDueDate', from: '2023-03-31', to: '2023-04-30' }]);
  });

  it('never takes RAG, commentary or sign-off from an import, and a date that becomes a note clears it', () => {
    const { next, changes } = importIntoAction(action, {
      rag: 'Blue',
      commentary: 'x',
      signedOffBy: 'someone',
      originalDueDate: undefined,
      dueNote: 'Dependent on sustainability',
    });
    const { dueDate: _d, originalDueDate: _o, ...undated } = action;
    expect(next).to.deep.equal({ ...undated, dueNote: 'Dependent on sustainability' });
    expect(changes.map((c) => c.field)).to.deep.equal(['originalDueDate', 'dueDate', 'dueNote']);
  });

  it('changes nothing when the plan says what is already stored', () => {
    expect(importIntoAction(action, { text: action.text, leadKeys: ['sally-richardson'] }).changes).to.deep.equal([]);
  });

  it('records the changes as the import, by the import', () => {
    const r = importRecord('1.2.2', [{ field: 'text', from: 'a', to: 'b' }], new Date('2023-05-01T09:00:00.123Z'), '"{A1},3"', 'id-1');
    expect(r).to.deep.equal({
      id: 'id-1',
      baseEtag: '"{A1},3"',
      actionRef: '1.2.2',
      at: '2023-05-01T09:00:00Z',
      by: 'import',
      byName: 'Plan import',
      source: 'import',
      kind: 'import',
      changes: [{ field: 'text', from: 'a', to: 'b' }],
    });
  });
});
