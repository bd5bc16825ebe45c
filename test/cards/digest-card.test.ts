import { expect } from 'chai';
import { cardProblems } from '../../bot/cards/check';
import { digestCard, type DigestCardInput } from '../../bot/cards/digest-card';
import { cardBytes, CARD_BUDGET_BYTES } from '../../bot/cards/size';
import { VERBS } from '../../bot/cards/verbs';
import { allText, buttons } from './card-walk';
import { EXCLUSIONS, manyActions, SCHOOL_LINKS, SURVEY, TODAY } from './fixtures';

const small: DigestCardInput = {
  groupName: 'Improving Outcomes',
  meetingDate: '2023-03-16',
  nonResponders: [
    { name: 'Clare Smith', missedCycles: 2 },
    { name: 'Lisa Taylor', missedCycles: 1 },
  ],
  redAmber: [
    { action: SURVEY, etag: '"1,4"' },
    { action: SCHOOL_LINKS, etag: '"3,7"' },
  ],
  dateChanges: [{ action: SCHOOL_LINKS, from: '2023-01-31', to: '2023-06-30' }],
  awaitingSignOff: [{ action: EXCLUSIONS, etag: '"5,2"' }],
  unreachable: ['Clive Groves'],
  today: TODAY,
};

describe('digestCard', () => {
  const card = digestCard(small);

  it('parses with no problems', () => {
    expect(cardProblems(card)).to.deep.equal([]);
  });

  it('names the group and the meeting', () => {
    expect(allText(card)).to.include('Improving Outcomes: plan digest\nBefore your meeting on 16 Mar 2023.');
    expect(allText(digestCard({ ...small, meetingDate: undefined }))).to.include('As at 13 Mar 2023.');
  });

  it('lists non-responders, Red and Amber in words, moved dates and the unreachable', () => {
    const text = allText(card);
    expect(text).to.include('Not replied (2)');
    expect(text).to.include('Clare Smith: missed 2 weekly prompts');
    expect(text).to.include('Lisa Taylor: missed 1 weekly prompt');
    expect(text).to.include('▲ Amber – likely to miss its deadline');
    expect(text).to.include('■ Red – missed its deadline');
    expect(text).to.include('moved from 31 Jan 2023 to 30 Jun 2023');
    expect(text).to.include('could not be delivered to Clive Groves');
  });

  it('gives each action awaiting sign-off a Sign off button with its ref and etag only', () => {
    expect(buttons(card).map((b) => [b.title, b.verb, b.data])).to.deep.equal([['Sign off', VERBS.signOff, { ref: '1.5.2', etag: '"5,2"' }]]);
    expect(allText(card)).to.include('Reported complete on 10 Mar 2023, 11:00. Evidence: Terms of reference');
  });

  it('says when a section is empty', () => {
    const quiet = digestCard({ ...small, nonResponders: [], redAmber: [], dateChanges: [], awaitingSignOff: [], unreachable: [] });
    expect(cardProblems(quiet)).to.deep.equal([]);
    const text = allText(quiet);
    for (const words of ['Everyone replied.', 'No actions are Red or Amber.', 'No due dates moved.', 'Nothing is waiting for sign-off.']) expect(text).to.include(words);
    expect(text).not.to.include('Could not reach');
  });

  it('caps a big group at 15 per section and stays under the size budget', () => {
    const items = manyActions(40);
    const big = digestCard({
      groupName: 'Improving Outcomes',
      nonResponders: Array.from({ length: 40 }, (_, i) => ({ name: `Lead number ${i + 1} with a long double-barrelled surname`, missedCycles: 3 })),
      redAmber: items.map(({ action, etag }) => ({ action, etag })),
      dateChanges: items.map(({ action }) => ({ action, from: '2023-01-31', to: '2023-09-30' })),
      awaitingSignOff: items.map(({ action, etag }) => ({ action: { ...action, completionEvidence: 'e'.repeat(2000), completionReportedAt: '2023-03-10T11:00:00Z' }, etag })),
      unreachable: Array.from({ length: 40 }, (_, i) => `Person ${i + 1}`),
      today: TODAY,
    });
    expect(cardProblems(big)).to.deep.equal([]);
    expect(cardBytes(big)).to.be.at.most(CARD_BUDGET_BYTES);
    const signOffs = buttons(big);
    expect(signOffs.length).to.be.within(5, 15);
    expect(allText(big)).to.include(`…and ${40 - signOffs.length} more.`);
  });

  it('keeps 15 per section when they fit', () => {
    const items = manyActions(20).map(({ action, etag }) => ({ action: { ...action, commentary: undefined, text: action.text.slice(0, 50) }, etag }));
    const fits = digestCard({ ...small, awaitingSignOff: items, redAmber: [] });
    expect(buttons(fits)).to.have.length(15);
    expect(allText(fits)).to.include('…and 5 more.');
  });
});
