import { expect } from 'chai';
import { cardResponse } from '../../bot/card-response';
import { messageCard } from '../../bot/cards/message-card';
import { cardBytes, TEAMS_CARD_LIMIT_BYTES } from '../../bot/cards/size';

describe('the answer to a card action', () => {
  it('is the card itself when Teams accepts its size', () => {
    const card = messageCard({ title: 'Saved', lines: ['1.1.3 is Green.'] });
    expect(cardResponse(card)).to.deep.equal({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card });
  });

  it('is a short card saying so when the card would be too big for Teams', () => {
    const big = messageCard({ title: 'Too much', lines: ['x'.repeat(TEAMS_CARD_LIMIT_BYTES)] });
    expect(cardBytes(big)).to.be.greaterThan(TEAMS_CARD_LIMIT_BYTES);
    const answer = cardResponse(big).value as unknown as { speak: string };
    expect(answer.speak).to.equal(
      'That answer was too long to show. PlanPulse could not show its answer here. Type "my actions" to see where your actions stand.',
    );
  });
});
