import { expect } from 'chai';
import { whyUnreachable } from '../../core/unreachable';

describe('whyUnreachable', () => {
  it('no record means PlanPulse was never added', () => {
    expect(whyUnreachable(undefined)).to.deep.equal({ why: 'not-installed' });
  });

  it('a reachable person has no reason', () => {
    expect(whyUnreachable({ reachable: true })).to.equal(undefined);
  });

  it('tells uninstalled, team-only and blocked apart by what was recorded', () => {
    expect(whyUnreachable({ reachable: false, unreachableReason: 'uninstalled the app' })).to.deep.equal({ why: 'uninstalled' });
    expect(whyUnreachable({ reachable: false, unreachableReason: 'installed only in a team or group chat' })).to.deep.equal({ why: 'team-only' });
    expect(whyUnreachable({ reachable: false, unreachableReason: 'blocked or uninstalled (403 MessageWritesBlocked)' })).to.deep.equal({
      why: 'blocked',
    });
  });

  it('keeps an unknown reason as it was recorded', () => {
    expect(whyUnreachable({ reachable: false, unreachableReason: 'left the tenant' })).to.deep.equal({ why: 'other', detail: 'left the tenant' });
    expect(whyUnreachable({ reachable: false })).to.deep.equal({ why: 'other', detail: undefined });
  });
});
