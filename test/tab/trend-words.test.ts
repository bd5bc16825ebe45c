// The board's changes in words: signed numbers, never arrows.
import { expect } from 'chai';
import { changeOf, changeSentence, signed } from '../../tab/web/trend-words';

const counts = (Red: number, Amber: number, Green: number, Blue: number, Grey: number) => ({ Red, Amber, Green, Blue, Grey });

describe('board trend in words', () => {
  it('signs changes with plus and a true minus, and 0 for none', () => {
    expect([signed(1), signed(-2), signed(0), signed(12)]).to.deep.equal(['+1', '−2', '0', '+12']);
  });

  it('subtracts the earlier month from now, status by status', () => {
    expect(changeOf(counts(2, 4, 12, 6, 5), counts(1, 4, 14, 5, 5))).to.deep.equal(counts(1, 0, -2, 1, 0));
  });

  it('says what moved, and what did not, with no arrows', () => {
    const s = changeSentence(counts(9, 21, 71, 26, 26), counts(7, 18, 77, 24, 27), '28 Feb 2023');
    expect(s).to.equal('Since 28 Feb 2023: Red up 2, Amber up 3, Green down 6, Blue up 2, Grey down 1.');
    expect(changeSentence(counts(2, 4, 12, 6, 5), counts(1, 4, 14, 5, 5), '31 Jan 2023')).to.equal(
      'Since 31 Jan 2023: Red up 1, Green down 2, Blue up 1; Amber and Grey unchanged.',
    );
    expect(changeSentence(counts(1, 0, 0, 0, 0), counts(1, 0, 0, 0, 0), '31 Jan 2023')).to.equal('Since 31 Jan 2023: no change in any status.');
    expect(s).to.not.match(/[▲▼↑↓]/);
  });
});
