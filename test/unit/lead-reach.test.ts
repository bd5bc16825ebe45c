import { expect } from 'chai';
import { reachOf } from '../../core/lead-reach';
import type { Reachability } from '../../core/reach';

const ID = '0d1e2f30-1111-4111-8111-000000000001';
const jennifer = { key: 'jennifer-ashton', displayName: 'Jennifer Ashton', aliases: [] };
const chat = (over: Partial<Reachability>): Reachability => ({ aadObjectId: ID, reference: {}, reachable: true, updatedAt: '2026-03-02T09:00:00Z', ...over });

describe('whether the bot can reach a lead', () => {
  it('finds the conversation by Entra id in any case, else by the lead it was linked to', () => {
    expect(reachOf({ ...jennifer, aadObjectId: ID.toUpperCase() }, [chat({})]).words).to.equal('yes');
    expect(reachOf(jennifer, [chat({ aadObjectId: 'other', leadKey: 'jennifer-ashton', reachable: false, unreachableReason: 'uninstalled the app' })])).to.deep.equal({
      reachable: false,
      words: 'no: uninstalled the app',
    });
  });

  it('says why not when there is no conversation', () => {
    expect(reachOf(jennifer, [chat({ aadObjectId: 'someone-else' })]).words).to.equal('no: not matched to a Teams account');
    expect(reachOf({ ...jennifer, aadObjectId: ID }, []).words).to.equal('no: never installed the app');
  });
});
