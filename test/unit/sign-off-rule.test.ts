// Someone other than the person who reported completion signs it off; the
// secretariat may sign off anything. A chair who leads their own action
// reports it like any lead and waits for the secretariat.
import { expect } from 'chai';
import { ForbiddenError } from '../../core/errors';
import type { Action, DeliveryGroup, Lead } from '../../core/model';
import { canSignOff } from '../../core/permissions';
import { decideSignOff, decideStatusUpdate, type Actor } from '../../core/status-update';

const group: DeliveryGroup = {
  key: 'improving-outcomes',
  name: 'Improving Outcomes',
  chairRole: 'Head of Inclusion',
  chairLeadKey: 'sally',
  cadence: 'quarterly',
  byException: true,
  reportingText: 'Quarterly or by exception',
};
const person = (key: string, extra: Partial<Lead> = {}): Lead => ({ key, displayName: key, aliases: [], ...extra });
const actor = (lead: Lead): Actor => ({ id: lead.key, name: lead.displayName, ctx: { lead, group } });
const chair = actor(person('sally'));
const secretariat = actor(person('sec', { isSecretariat: true }));
const jen = actor(person('jen'));

// Sally chairs the group and leads this action herself.
const chairsOwn: Action = {
  ref: '1.1.4',
  outcomeRef: '1.1',
  priorityRef: '1',
  text: 'Chair-led action',
  leadKeys: ['sally'],
  rag: 'Green',
  dueDate: '2023-03-31',
  originalDueDate: '2023-03-31',
};
const base = { source: 'teams-card' as const, now: '2023-03-06T10:00:00Z', today: '2023-03-06', updateId: 'u1' };

describe('who signs off completion', () => {
  it('a chair who reports their own action complete does not sign it off in the same step', () => {
    const done = decideStatusUpdate(chairsOwn, { ...base, actor: chair, report: { rag: 'Blue', completionEvidence: 'Minutes of 3 Mar' } });
    expect(done.update.kind).to.equal('completion-reported');
    expect(done.next.rag).to.equal('Green');
    expect(done.next.signedOffAt).to.equal(undefined);
    expect(done.next.completionReportedBy).to.equal('sally');
  });

  it('nor afterwards: the Sign off button refuses them, and is not offered', () => {
    const reported = decideStatusUpdate(chairsOwn, { ...base, actor: chair, report: { rag: 'Blue', completionEvidence: 'Minutes' } }).next;
    expect(canSignOff(reported, chair.ctx)).to.equal(false);
    expect(() => decideSignOff(reported, { ...base, actor: chair })).to.throw(ForbiddenError, 'someone else signs it off');
  });

  it('the secretariat signs off what the chair reported', () => {
    const reported = decideStatusUpdate(chairsOwn, { ...base, actor: chair, report: { rag: 'Blue', completionEvidence: 'Minutes' } }).next;
    expect(canSignOff(reported, secretariat.ctx)).to.equal(true);
    const signed = decideSignOff(reported, { ...base, actor: secretariat });
    expect(signed.next.rag).to.equal('Blue');
    expect(signed.next.signedOffBy).to.equal('sec');
  });

  it('a chair reporting completion on a lead’s behalf waits for someone else too', () => {
    const jens: Action = { ...chairsOwn, ref: '1.1.3', leadKeys: ['jen'] };
    const done = decideStatusUpdate(jens, { ...base, actor: chair, report: { rag: 'Blue', completionEvidence: 'Minutes' } });
    expect(done.update.kind).to.equal('completion-reported');
    expect(canSignOff(done.next, chair.ctx)).to.equal(false);
  });

  it('the chair signs off what a lead reported; the lead cannot', () => {
    const jens: Action = { ...chairsOwn, ref: '1.1.3', leadKeys: ['jen'] };
    const reported = decideStatusUpdate(jens, { ...base, actor: jen, report: { rag: 'Blue', completionEvidence: 'Minutes' } }).next;
    expect(canSignOff(reported, jen.ctx)).to.equal(false);
    expect(canSignOff(reported, chair.ctx)).to.equal(true);
    expect(decideSignOff(reported, { ...base, actor: chair }).next.rag).to.equal('Blue');
  });

  it('the secretariat may sign off anything, even in the step that reports it', () => {
    const done = decideStatusUpdate(chairsOwn, { ...base, actor: secretariat, report: { rag: 'Blue', completionEvidence: 'Minutes' } });
    expect(done.update.kind).to.equal('sign-off');
    expect(done.next.rag).to.equal('Blue');
  });
});
