import { expect } from 'chai';
import type { Action, Lead, Versioned } from '../../core/model';
import { previewNudges, unreachableWords } from '../../core/nudge-preview';
import type { Reachability } from '../../core/reach';

const lead = (key: string, over: Partial<Lead> = {}): Lead => ({ key, displayName: key.toUpperCase(), aliases: [], ...over });
const action = (ref: string, leadKeys: string[], over: Partial<Action> = {}): Versioned<Action> => ({
  etag: '"{x},1"',
  value: { ref, priorityRef: '1', text: ref, leadKeys, rag: 'Amber', dueDate: '2023-03-31', ...over },
});
const reach = (aadObjectId: string, reachable: boolean, unreachableReason?: string): Reachability =>
  ({ aadObjectId, reachable, unreachableReason, reference: {} }) as unknown as Reachability;
const RULES = { windowDays: 14, staleDays: 28, recentDays: 5 };

describe('previewNudges', () => {
  it('lists every lead with something to answer, what and why, and why those it cannot reach cannot be', () => {
    const leads = [
      lead('ann', { aadObjectId: 'a' }),
      lead('bob'),
      lead('cat', { aadObjectId: 'c' }),
      lead('dee', { aadObjectId: 'd' }),
      lead('eve', { aadObjectId: 'e', awayUntil: '2023-04-30' }),
      lead('fay', { aadObjectId: 'f' }),
    ];
    const plan = {
      leads,
      priorities: [{ ref: '1', title: 'One', deliveryGroupKey: 'g' }],
      deliveryGroups: [{ key: 'g', name: 'G', chairRole: '', cadence: 'monthly' as const, byException: false, reportingText: '' }],
      actions: [
        action('1.1', ['ann', 'bob']),
        action('1.2', ['cat']),
        action('1.3', ['dee']),
        action('1.4', ['eve']),
        action('1.5', ['fay']),
        action('1.6', ['ann'], { rag: 'Blue' }),
      ],
    };
    const conversations = new Map([
      ['ann', reach('a', true)],
      ['dee', reach('d', false, 'Teams answered 403: ConversationBlockedByUser')],
      ['fay', reach('f', true)],
    ]);
    const preview = previewNudges(plan, '2023-04-03', RULES, conversations, new Set(['fay']));
    const shown = preview.leads.map((l) => [l.lead.key, l.state, l.why ?? '', l.items.map((i) => i.action.ref).join(',')]);
    expect(shown).to.deep.equal([
      ['ann', 'would-ask', '', '1.1'],
      ['bob', 'unreachable', 'not matched to a Teams account (planpulse leads --import people.csv)', '1.1'],
      ['cat', 'unreachable', 'has never added PlanPulse in Teams (they message the bot once, or planpulse install-app)', '1.2'],
      ['dee', 'unreachable', 'has blocked PlanPulse', '1.3'],
      ['eve', 'away', 'away until 30 Apr 2023', '1.4'],
      ['fay', 'already-asked', '', '1.5'],
    ]);
    expect(preview.leads[0].items[0].reasons.length).to.be.greaterThan(0);
  });

  it('says why a person cannot be reached in words an admin can act on', () => {
    expect(unreachableWords(lead('x', { aadObjectId: 'x' }), reach('x', false, 'uninstalled the app'))).to.equal('removed PlanPulse in Teams');
    expect(unreachableWords(lead('x', { aadObjectId: 'x' }), reach('x', true))).to.equal(undefined);
  });
});
