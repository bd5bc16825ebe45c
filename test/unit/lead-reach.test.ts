import { expect } from 'chai';
import { conversationsByLead, reachOf } from '../../core/lead-reach';
import type { Lead } from '../../core/model';
import type { Reachability } from '../../core/reach';

const ID = '0d1e2f30-1111-4111-8111-000000000001';
const jennifer = { key: 'jennifer-ashton', displayName: 'Jennifer Ashton', aliases: [] };
const chat = (over: Partial<Reachability>): Reachability => ({
  aadObjectId: ID,
  reference: {},
  reachable: true,
  updatedAt: '2026-03-02T09:00:00Z',
  ...over,
});

/** The words for one lead, through the same matching the bot uses. */
const wordsFor = (lead: Lead, records: Reachability[]) => reachOf(lead, conversationsByLead([lead], records).get(lead.key));

describe('whether the bot can reach a lead', () => {
  it('finds the conversation by Entra id in any case, else by the lead it was linked to', () => {
    expect(wordsFor({ ...jennifer, aadObjectId: ` ${ID.toUpperCase()} ` }, [chat({})]).words).to.equal('yes');
    expect(
      wordsFor(jennifer, [chat({ aadObjectId: 'other', leadKey: 'jennifer-ashton', reachable: false, unreachableReason: 'uninstalled the app' })]),
    ).to.deep.equal({
      reachable: false,
      words: 'no: uninstalled the app',
    });
  });

  it('says why not when there is no conversation', () => {
    expect(wordsFor(jennifer, [chat({ aadObjectId: 'someone-else' })]).words).to.equal('no: not matched to a Teams account');
    expect(wordsFor({ ...jennifer, aadObjectId: ID }, []).words).to.equal('no: never installed the app');
  });
});
