import { expect } from 'chai';
import { filterActions, isUnassigned, readRagList, unassignedActions } from '../../core/action-filters';
import type { Action, DeliveryGroup, Priority } from '../../core/model';

const act = (ref: string, over: Partial<Action> = {}): Action => ({
  ref,
  priorityRef: ref.split('.')[0],
  text: ref,
  leadKeys: ['jo'],
  rag: 'Grey',
  ...over,
});
const plan = {
  priorities: [
    { ref: '1', title: 'One', deliveryGroupKey: 'g1' },
    { ref: '2', title: 'Two', deliveryGroupKey: 'g2' },
  ] as Priority[],
  deliveryGroups: [] as DeliveryGroup[],
};
const TODAY = '2023-04-10';
const actions = [
  act('1.1', { rag: 'Amber', dueDate: '2023-03-31', lastUpdatedAt: '2023-04-09T23:30:00Z' }), // 00:30 on 10 Apr in London
  act('1.2', { rag: 'Blue', dueDate: '2023-03-31' }),
  act('2.1.1', { rag: 'Red', dueDate: '2023-06-30', leadKeys: ['sam'], delegateKey: 'jo' }),
  act('2.1.2', { leadKeys: [] }),
];
const refs = (a: Action[]) => a.map((x) => x.ref);

describe('action filters', () => {
  it('filters by group, lead (or delegate), RAG, overdue and changed-since, all together', () => {
    expect(refs(filterActions(actions, plan, {}, TODAY))).to.deep.equal(['1.1', '1.2', '2.1.1', '2.1.2']);
    expect(refs(filterActions(actions, plan, { groupKey: 'g2' }, TODAY))).to.deep.equal(['2.1.1', '2.1.2']);
    expect(refs(filterActions(actions, plan, { leadKey: 'jo' }, TODAY))).to.deep.equal(['1.1', '1.2', '2.1.1']);
    expect(refs(filterActions(actions, plan, { rags: ['Red', 'Amber'] }, TODAY))).to.deep.equal(['1.1', '2.1.1']);
    expect(refs(filterActions(actions, plan, { overdue: true }, TODAY))).to.deep.equal(['1.1']); // Blue is never overdue
    expect(refs(filterActions(actions, plan, { changedSince: '2023-04-10' }, TODAY))).to.deep.equal(['1.1']); // London date, not UTC
    expect(refs(filterActions(actions, plan, { changedSince: '2023-04-11' }, TODAY))).to.deep.equal([]);
    expect(refs(filterActions(actions, plan, { groupKey: 'g2', rags: ['Red'], leadKey: 'jo' }, TODAY))).to.deep.equal(['2.1.1']);
  });

  it('an action with no lead and no delegate is unassigned', () => {
    expect(refs(unassignedActions(actions))).to.deep.equal(['2.1.2']);
    expect(isUnassigned(act('3.1', { leadKeys: [], delegateKey: 'jo' }))).to.equal(false);
  });

  it('reads a RAG list in any case, and names a word that is not a status', () => {
    expect(readRagList('Red,amber')).to.deep.equal({ rags: ['Red', 'Amber'] });
    expect(readRagList('green green')).to.deep.equal({ rags: ['Green'] });
    expect(readRagList('Red,Purple')).to.deep.equal({ problem: '"Purple" is not a RAG status: use Grey, Blue, Green, Amber, Red' });
    expect(readRagList(',')).to.have.property('problem');
  });
});
