import { expect } from 'chai';
import { cardProblems } from '../../bot/cards/check';
import { messageCard } from '../../bot/cards/message-card';
import { texts, textBlocks } from './card-walk';

describe('messageCard', () => {
  it('shows a title and lines, with no problems', () => {
    const card = messageCard({
      title: 'You are away until 2 Jan 2024',
      lines: ['No weekly prompts until then.', 'Type help to see what else you can do.'],
    });
    expect(cardProblems(card)).to.deep.equal([]);
    expect(texts(card)).to.deep.equal(['You are away until 2 Jan 2024', 'No weekly prompts until then.', 'Type help to see what else you can do.']);
    expect(card.fallbackText).to.equal('You are away until 2 Jan 2024. No weekly prompts until then. Type help to see what else you can do.');
  });

  it('colours the title by style', () => {
    for (const style of ['good', 'attention', 'default'] as const) {
      const card = messageCard({ title: 'Not found', lines: [], style });
      expect(cardProblems(card)).to.deep.equal([]);
      expect(textBlocks(card)[0].color).to.equal(style);
    }
  });
});
