import { expect } from 'chai';
import { cardProblems } from '../../bot/cards/check';
import { COMMANDS } from '../../bot/cards/commands';
import { helpCard } from '../../bot/cards/help-card';

describe('helpCard', () => {
  const card = helpCard();

  it('parses with no problems', () => {
    expect(cardProblems(card)).to.deep.equal([]);
  });

  it('puts every command in a FactSet', () => {
    const factSet = card.body.find((e) => e.type === 'FactSet') as unknown as { facts: Array<{ title: string; value: string }> };
    expect(factSet.facts.map((f) => f.title)).to.deep.equal(['my actions', 'update 1.1.3', 'away until 2 Jan', 'delegate 1.1.3 to Name', 'help']);
    expect(factSet.facts.map((f) => f.value)).to.deep.equal(COMMANDS.map((c) => c.meaning));
    expect(card.fallbackText).to.include('away until 2 Jan');
  });
});
