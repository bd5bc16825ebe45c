import { expect } from 'chai';
import { cardProblems } from '../../bot/cards/check';
import { welcomeCard } from '../../bot/cards/welcome-card';
import { allText, buttons } from './card-walk';

describe('welcomeCard', () => {
  const card = welcomeCard({ name: 'Jennifer Ashton' });

  it('parses with no problems and needs no buttons', () => {
    expect(cardProblems(card)).to.deep.equal([]);
    expect(buttons(card)).to.deep.equal([]);
  });

  it('says what the bot will do and what the chair sees', () => {
    const text = allText(card);
    expect(text).to.include('Welcome to PlanPulse, Jennifer Ashton');
    expect(text).to.include('Every Monday at 09:00');
    expect(text).to.include('press No change: one tap');
    expect(text).to.include('press Update');
    expect(text).to.match(/chair sees who has not replied, and every Red or Amber action/);
  });

  it('lists the commands', () => {
    for (const command of ['my actions', 'update 1.1.3', 'away until 2 Jan', 'delegate 1.1.3 to Name', 'help']) {
      expect(allText(card)).to.include(`\n${command}: `);
    }
    expect(card.speak).to.include('Every Monday at 09:00');
  });
});
