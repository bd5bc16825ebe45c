// The words the tab shows when Teams gives no sign-in token or refuses to
// share to the stage: each host answer is classified, and the words say what
// to do next and keep what Teams said (for the admin).
import { expect } from 'chai';
import { hostErrorText, shareProblem } from '../../tab/web/share-words';
import { signInProblem, signInWords } from '../../tab/web/sign-in-words';

describe('tab: words for Teams host refusals', () => {
  it('classifies getAuthToken refusals as Teams words them', () => {
    const kinds = Object.fromEntries(
      [
        'resourceRequiresConsent',
        'consent_required',
        'AADSTS65001: The user or administrator has not consented',
        'resourceDisabled',
        'invalid_resource',
        'AADSTS500011: The resource principal was not found',
        'CancelledByUser',
        'FailedToOpenWindow',
        'Request timed out',
        'Something else',
        '',
      ].map((r) => [r, signInProblem(r).kind]),
    );
    expect(kinds).to.deep.equal({
      resourceRequiresConsent: 'consent',
      consent_required: 'consent',
      'AADSTS65001: The user or administrator has not consented': 'consent',
      resourceDisabled: 'setup',
      invalid_resource: 'setup',
      'AADSTS500011: The resource principal was not found': 'setup',
      CancelledByUser: 'cancelled',
      FailedToOpenWindow: 'popup',
      'Request timed out': 'timeout',
      'Something else': 'other',
      '': 'other',
    });
  });

  it('says what to do next and who can fix it, and keeps what Teams said (cut to 200 characters)', () => {
    expect(signInWords(signInProblem('resourceRequiresConsent'))).to.match(/consent.*Try again.*Teams admin.*Teams said: resourceRequiresConsent\./);
    expect(signInWords(signInProblem('invalid_resource'))).to.match(/Application ID URI.*Teams said: invalid_resource\./);
    expect(signInWords(signInProblem(''))).to.contain('Teams said: no reason given.');
    expect(signInProblem('x'.repeat(500)).teamsSaid).to.have.length(200);
  });

  it('names the stage-sharing error codes in words, with what Teams said', () => {
    expect(shareProblem({ errorCode: 1000, message: 'no permission' })).to.match(/organisers and presenters.*Teams said: no permission/);
    expect(shareProblem({ errorCode: 501 })).to.match(/can't share PlanPulse to the stage in this meeting\./);
    expect(shareProblem({ errorCode: 500 })).to.match(/just now\. Try again\.$/);
    expect(shareProblem('broken')).to.equal("Teams couldn't share to the stage (Teams said: broken). Try again.");
    expect(shareProblem(undefined)).to.equal("Teams couldn't share to the stage. Try again.");
  });

  it('reads a host error whether it is an Error, a string or {errorCode, message}', () => {
    expect(hostErrorText(new Error('resourceDisabled'))).to.equal('resourceDisabled');
    expect(hostErrorText('consent_required')).to.equal('consent_required');
    expect(hostErrorText({ errorCode: 1000 })).to.equal('1000');
    expect(hostErrorText(new Error('[object Object]'))).to.equal('');
    expect(hostErrorText(null)).to.equal('');
  });
});
