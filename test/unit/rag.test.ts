import { expect } from 'chai';
import type { Action } from '../../core/model';
import { ragInWords, reviewFlags } from '../../core/rag';

const action = (over: Partial<Action>): Action => ({
  ref: '1.1.1',
  outcomeRef: '1.1',
  priorityRef: '1',
  text: 'Establish a process',
  leadKeys: ['a'],
  rag: 'Green',
  dueDate: '2023-03-31',
  ...over,
});

describe('RAG review flags', () => {
  it('flags Green or Amber past its due date', () => {
    expect(reviewFlags(action({ rag: 'Green' }), '2023-04-01').map((f) => f.kind)).to.deep.equal(['past-due']);
    expect(reviewFlags(action({ rag: 'Amber' }), '2023-04-01').map((f) => f.kind)).to.deep.equal(['past-due']);
    expect(reviewFlags(action({ rag: 'Green' }), '2023-03-31')).to.deep.equal([]);
  });

  it('flags Grey once its due month has begun', () => {
    expect(reviewFlags(action({ rag: 'Grey' }), '2023-02-28')).to.deep.equal([]);
    expect(reviewFlags(action({ rag: 'Grey' }), '2023-03-01').map((f) => f.kind)).to.deep.equal(['not-started']);
  });

  it('flags Red whose new date has passed, and completion waiting for sign-off', () => {
    expect(reviewFlags(action({ rag: 'Red', dueDate: '2023-05-31' }), '2023-06-01').map((f) => f.kind)).to.deep.equal(['new-date-missed']);
    expect(reviewFlags(action({ rag: 'Green', completionReportedAt: '2023-03-01T10:00:00Z' }), '2023-04-02').map((f) => f.kind)).to.deep.equal([
      'awaiting-sign-off',
    ]);
  });

  it('never flags a Blue action, nor one without a date', () => {
    expect(reviewFlags(action({ rag: 'Blue' }), '2024-01-01')).to.deep.equal([]);
    expect(reviewFlags(action({ rag: 'Grey', dueDate: undefined, dueNote: 'Dependent on sustainability' }), '2024-01-01')).to.deep.equal([]);
  });

  it('puts RAG into words', () => {
    expect(ragInWords('Red')).to.equal('Red – missed its deadline');
  });
});
