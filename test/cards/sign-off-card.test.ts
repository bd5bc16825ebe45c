import { expect } from 'chai';
import { cardProblems } from '../../bot/cards/check';
import { signOffCard } from '../../bot/cards/sign-off-card';
import { VERBS } from '../../bot/cards/verbs';
import { allText, buttons } from './card-walk';
import { EXCLUSIONS } from './fixtures';

describe('signOffCard', () => {
  const card = signOffCard({ action: EXCLUSIONS, etag: '"5,2"', reportedBy: 'Jennifer Ashton', groupName: 'Improving Outcomes' });

  it('parses with no problems', () => {
    expect(cardProblems(card)).to.deep.equal([]);
  });

  it('says who reported what complete, with the evidence, and offers one Sign off button for that version', () => {
    const text = allText(card);
    expect(text).to.include('Ready for your sign-off: 1.5.2');
    expect(text).to.include('Jennifer Ashton has reported 1.5.2 complete (Improving Outcomes).');
    expect(text).to.include('Reported complete on 10 Mar 2023, 11:00. Evidence: Terms of reference');
    expect(buttons(card).map((b) => [b.title, b.verb, b.data])).to.deep.equal([
      ['Sign off', VERBS.signOff, { ref: '1.5.2', etag: '"5,2"', updatedAt: EXCLUSIONS.lastUpdatedAt ?? '' }],
    ]);
  });
});
