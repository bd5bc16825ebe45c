import { expect } from 'chai';
import { shortenAtWord } from '../../core/shorten';

describe('shortenAtWord', () => {
  it('leaves text that fits alone', () => {
    expect(shortenAtWord('Reading, Writing and Maths', 26)).to.equal('Reading, Writing and Maths');
  });

  it('cuts at the last whole word that fits, without trailing punctuation, and adds an ellipsis', () => {
    expect(shortenAtWord('Reading, Writing and Maths', 16)).to.equal('Reading…');
    expect(shortenAtWord('Reading, Writing and Maths', 17)).to.equal('Reading, Writing…');
    expect(shortenAtWord('Reading, Writing and Maths', 20).length).to.be.at.most(20);
  });

  it('cuts a single long word where it must', () => {
    expect(shortenAtWord('Supercalifragilistic', 10)).to.equal('Supercali…');
  });
});
