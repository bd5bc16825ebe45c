import { expect } from 'chai';
import { cardProblems } from '../../bot/cards/check';
import { digestCard, type DigestCardInput } from '../../bot/cards/digest-card';
import { cardBytes, CARD_BUDGET_BYTES } from '../../bot/cards/size';
import { VERBS } from '../../bot/cards/verbs';
import { allText, buttons } from './card-walk';
import { EXCLUSIONS, manyActions, SCHOOL_LINKS, SURVEY, TODAY } from './fixtures';

const small: DigestCardInput = {
  groupName: 'Improving Outcomes',
  groupKey: 'improving-outcomes',
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
  unreachable: [{ name: 'Clive Groves', why: 'not-installed' }],
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
    expect(text).to.include('Could not reach (1)');
    expect(text).to.include('Clive Groves: has not added PlanPulse in Teams');
  });

  it('says in words why each person could not be reached', () => {
    const text = allText(
      digestCard({
        ...small,
        unreachable: [
          { name: 'Clive Groves', why: 'not-installed' },
          { name: 'Lisa Taylor', why: 'uninstalled' },
          { name: 'Clare Smith', why: 'blocked' },
          { name: 'Dave Carr', why: 'team-only' },
          { name: 'Jo Bloggs', why: 'other', detail: 'left the tenant' },
        ],
      }),
    );
    expect(text).to.include('Could not reach (5)');
    expect(text).to.include('Clive Groves: has not added PlanPulse in Teams');
    expect(text).to.include('Lisa Taylor: removed PlanPulse from their chat');
    expect(text).to.include('Clare Smith: Teams refused the message: PlanPulse is blocked or was removed (403)');
    expect(text).to.include('Dave Carr: has PlanPulse only in a team or group chat, not in their own chat');
    expect(text).to.include('Jo Bloggs: could not be reached: left the tenant');
  });

  it('after a sign-off from the digest, confirms it and shows the item as signed off, without a button', () => {
    const signed = { ...EXCLUSIONS, rag: 'Blue' as const, signedOffAt: '2023-03-13T10:00:00Z', signedOffBy: 'sally-richardson' };
    const card = digestCard({ ...small, awaitingSignOff: [], justSignedOff: signed });
    expect(cardProblems(card)).to.deep.equal([]);
    const text = allText(card);
    expect(text).to.include('Signed off 1.5.2 as complete.');
    expect(text).to.include('Waiting for your sign-off (0)');
    expect(text).to.include('✓ Signed off as complete.');
    expect(buttons(card)).to.deep.equal([]);
  });

  it('gives each action awaiting sign-off a Sign off button with its ref, its version and the digest it sits on', () => {
    expect(buttons(card).map((b) => [b.title, b.verb, b.data])).to.deep.equal([
      [
        'Sign off',
        VERBS.signOff,
        { ref: '1.5.2', etag: '"5,2"', updatedAt: EXCLUSIONS.lastUpdatedAt ?? '', origin: 'digest', groupKey: 'improving-outcomes' },
      ],
    ]);
    expect(allText(card)).to.include('Reported complete on 10 Mar 2023, 11:00. Evidence: Terms of reference');
  });

  it('says when a section is empty', () => {
    const quiet = digestCard({ ...small, nonResponders: [], redAmber: [], dateChanges: [], awaitingSignOff: [], unreachable: [] });
    expect(cardProblems(quiet)).to.deep.equal([]);
    const text = allText(quiet);
    for (const words of ['Everyone replied.', 'No actions are Red or Amber.', 'No due dates moved.', 'Nothing is waiting for sign-off.'])
      expect(text).to.include(words);
    expect(text).not.to.include('Could not reach');
  });

  it('caps a big group at 15 per section and stays under the size budget', () => {
    const items = manyActions(40);
    const big = digestCard({
      groupName: 'Improving Outcomes',
      groupKey: 'improving-outcomes',
      nonResponders: Array.from({ length: 40 }, (_, i) => ({ name: `Lead number ${i + 1} with a long double-barrelled surname`, missedCycles: 3 })),
      redAmber: items.map(({ action, etag }) => ({ action, etag })),
      dateChanges: items.map(({ action }) => ({ action, from: '2023-01-31', to: '2023-09-30' })),
      awaitingSignOff: items.map(({ action, etag }) => ({
        action: { ...action, completionEvidence: 'e'.repeat(2000), completionReportedAt: '2023-03-10T11:00:00Z' },
        etag,
      })),
      unreachable: Array.from({ length: 40 }, (_, i) => ({ name: `Person ${i + 1}`, why: 'blocked' as const })),
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
