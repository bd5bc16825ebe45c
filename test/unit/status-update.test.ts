import { expect } from 'chai';
import { ForbiddenError, InvalidError } from '../../core/errors';
import type { Action, DeliveryGroup, Lead } from '../../core/model';
import { decideDelegation, decideSignOff, decideStatusUpdate, type Actor, type StatusReport } from '../../core/status-update';

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
const lead: Actor = { id: 'jen', name: 'Jennifer Ashton', ctx: { lead: person('jen'), group } };
const chair: Actor = { id: 'sally', name: 'Sally Richardson', ctx: { lead: person('sally'), group } };
const secretariat: Actor = { id: 'sec', name: 'Board secretariat', ctx: { lead: person('sec', { isSecretariat: true }), group } };
const stranger: Actor = { id: 'zed', name: 'Someone Else', ctx: { lead: person('zed'), group } };
const unknown: Actor = { id: 'guid', name: 'Not in the leads list', ctx: { group } };

const base: Action = {
  ref: '1.1.3',
  outcomeRef: '1.1',
  priorityRef: '1',
  text: 'Review the survey',
  leadKeys: ['jen'],
  rag: 'Green',
  dueDate: '2023-03-31',
  originalDueDate: '2023-03-31',
};
const today = '2023-03-06';
const run = (report: StatusReport, actor = lead, current = base) =>
  decideStatusUpdate(current, { actor, report, source: 'teams-card', now: '2023-03-06T10:00:00Z', today, updateId: 'u1' });
const problems = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidError) return e.problems;
    throw e;
  }
  throw new Error('expected the update to be refused');
};

describe('deciding a status update', () => {
  it('Red needs a new completion date later than today', () => {
    expect(problems(() => run({ rag: 'Red', commentary: 'Late' }))).to.deep.equal(['Red means the deadline was missed: give a new completion date.']);
    expect(problems(() => run({ rag: 'Red', newDueDate: today, commentary: 'Late' }))[0]).to.match(/after today \(6 Mar 2023\)/);
    const ok = run({ rag: 'Red', newDueDate: '2023-05-31', commentary: 'Supplier late' });
    expect(ok.next.rag).to.equal('Red');
    expect(ok.next.dueDate).to.equal('2023-05-31');
    expect(ok.next.originalDueDate).to.equal('2023-03-31');
    expect(ok.update.changes.map((c) => c.field)).to.deep.equal(['rag', 'dueDate', 'commentary']);
  });

  it('staying Red is a confirmation while the new date is ahead, and needs another date once it has passed', () => {
    const red: Action = { ...base, rag: 'Red', dueDate: '2023-05-31' };
    expect(run({}, lead, red).update.kind).to.equal('no-change');
    expect(problems(() => run({}, lead, { ...red, dueDate: '2023-03-01' }))).to.deep.equal([
      'Red means the deadline was missed: give a new completion date.',
    ]);
  });

  it('Amber needs a comment, and a date change needs a reason', () => {
    expect(problems(() => run({ rag: 'Amber' }))).to.deep.equal(['Amber needs a comment: say what is causing the delay.']);
    expect(problems(() => run({ newDueDate: '2023-06-30' }))).to.deep.equal(['Say why the completion date is changing.']);
    expect(run({}, lead, { ...base, rag: 'Amber', commentary: 'Waiting on data' }).update.kind).to.equal('no-change');
  });

  it('refuses nonsense with every reason at once, changing nothing', () => {
    const p = problems(() => run({ rag: 'Purple', newDueDate: '2023-02-30' }));
    expect(p).to.have.length(2);
    expect(p[0]).to.match(/not a RAG status/);
    expect(p[1]).to.match(/not a real date/);
  });

  it('a lead reporting completion needs evidence and the action waits for sign-off', () => {
    expect(problems(() => run({ rag: 'Blue' }))[0]).to.match(/evidence/);
    const done = run({ rag: 'Blue', completionEvidence: 'Survey report published on the Local Offer' });
    expect(done.next.rag).to.equal('Green');
    expect(done.next.completionReportedBy).to.equal('jen');
    expect(done.update.kind).to.equal('completion-reported');
  });

  it('choosing another status withdraws a completion report; No change or a comment keeps it', () => {
    const reported = run({ rag: 'Blue', completionEvidence: 'Minutes of PACT' }).next;
    const withdrawn = run({ rag: 'Amber', commentary: 'Sorry, not done after all: survey reopened' }, lead, reported);
    expect(withdrawn.next).to.include({ rag: 'Amber', completionEvidence: 'Minutes of PACT' });
    expect(withdrawn.next.completionReportedAt).to.equal(undefined);
    expect(withdrawn.update.changes.map((c) => c.field)).to.include('completionReportedAt');
    expect(() => decideSignOff(withdrawn.next, { actor: chair, source: 'teams-card', now: '2023-03-07T09:00:00Z', today, updateId: 'u2' })).to.throw(
      InvalidError,
    );

    expect(run({}, lead, reported).next.completionReportedAt).to.equal(reported.completionReportedAt);
    const comment = run({ rag: 'Blue', commentary: 'Published on the Local Offer too' }, lead, reported);
    expect(comment.next.completionReportedAt).to.equal(reported.completionReportedAt);
    expect(comment.update.kind).to.equal('status'); // not a second report for the chair

    // The chair's comment on a reported action (the form starts at Blue) neither signs it off nor withdraws it.
    const chairNote = run({ rag: 'Blue', commentary: 'Will look at the minutes first' }, chair, reported);
    expect(chairNote.update.kind).to.equal('status');
    expect(chairNote.next.rag).to.equal('Green');
    expect(chairNote.next.signedOffAt).to.equal(undefined);
    expect(chairNote.next.completionReportedAt).to.equal(reported.completionReportedAt);
  });

  it('the chair signs off a reported completion; the lead cannot', () => {
    const reported = run({ rag: 'Blue', completionEvidence: 'Published' }).next;
    expect(() => decideSignOff(reported, { actor: lead, source: 'teams-card', now: '2023-03-07T09:00:00Z', today, updateId: 'u2' })).to.throw(
      ForbiddenError,
    );
    const signed = decideSignOff(reported, { actor: chair, source: 'teams-card', now: '2023-03-07T09:00:00Z', today, updateId: 'u2' });
    expect(signed.next.rag).to.equal('Blue');
    expect(signed.next.signedOffBy).to.equal('sally');
    expect(() => decideSignOff(base, { actor: secretariat, source: 'tab', now: '2023-03-07T09:00:00Z', today, updateId: 'u3' })).to.throw(
      InvalidError,
    );
  });

  it('a sign-off comment is bounded like commentary, and kept as typed within the bound', () => {
    const reported = run({ rag: 'Blue', completionEvidence: 'Published' }).next;
    const signOff = (comment: string) =>
      decideSignOff(reported, { actor: chair, source: 'tab', now: '2023-03-07T09:00:00Z', today, updateId: 'u2', comment });
    expect(problems(() => signOff('y'.repeat(2001)))).to.deep.equal(['Keep the comment to 2,000 characters (it has 2,001).']);
    expect(signOff('<b>fine</b> [x](https://evil.example)').update.comment).to.equal('<b>fine</b> [x](https://evil.example)');
    expect(signOff('y'.repeat(2000)).update.comment).to.have.length(2000);
  });

  it('a chair or the secretariat marking it complete signs it off at once', () => {
    const done = run({ rag: 'Blue', completionEvidence: 'Minutes of 3 Mar' }, secretariat);
    expect(done.next.rag).to.equal('Blue');
    expect(done.next.signedOffBy).to.equal('sec');
    expect(done.update.kind).to.equal('sign-off');
  });

  it('a signed-off action is locked for its lead but a chair can reopen it', () => {
    const blue: Action = {
      ...base,
      rag: 'Blue',
      signedOffAt: '2023-03-01T00:00:00Z',
      signedOffBy: 'sally',
      completionEvidence: 'x',
      completionReportedAt: '2023-02-28T00:00:00Z',
    };
    expect(problems(() => run({ rag: 'Green' }, lead, blue))[0]).to.match(/signed off/);
    const reopened = run({ rag: 'Amber', commentary: 'Evidence did not hold up' }, chair, blue);
    expect(reopened.next.rag).to.equal('Amber');
    expect(reopened.next.signedOffAt).to.equal(undefined);
  });

  it('only leads, delegates, the chair and the secretariat may update', () => {
    expect(() => run({ rag: 'Green' }, stranger)).to.throw(ForbiddenError);
    expect(() => run({ rag: 'Green' }, unknown)).to.throw(ForbiddenError);
    const delegate: Actor = { id: 'del', name: 'Delegate', ctx: { lead: person('del'), group } };
    expect(run({ rag: 'Green' }, delegate, { ...base, delegateKey: 'del' }).next.lastUpdatedBy).to.equal('del');
  });

  it('"No change" confirms the status and stamps the update', () => {
    const same = run({});
    expect(same.update.kind).to.equal('no-change');
    expect(same.update.changes).to.deep.equal([]);
    expect(same.next.lastUpdatedAt).to.equal('2023-03-06T10:00:00Z');
  });

  it('hands an action to a delegate, but not to one of its own leads', () => {
    const cmd = { actor: lead, source: 'teams-chat' as const, now: '2023-03-06T10:00:00Z', today, updateId: 'u9', allowed: true };
    expect(decideDelegation(base, { ...cmd, delegateKey: 'del' }).next.delegateKey).to.equal('del');
    expect(() => decideDelegation(base, { ...cmd, delegateKey: 'jen' })).to.throw(InvalidError);
    expect(() => decideDelegation(base, { ...cmd, delegateKey: 'del', allowed: false })).to.throw(ForbiddenError);
  });
});
