import { expect } from 'chai';
import { isMatched, leadKey, mayNameTwoPeople, splitLeadNames } from '../../core/leads';

describe('lead names', () => {
  it('splits two people in one cell', () => {
    expect(splitLeadNames('Matt Pilling / Sapphire Murray')).to.deep.equal(['Matt Pilling', 'Sapphire Murray']);
    expect(splitLeadNames('Alison Moore/ Tina Walmsley')).to.deep.equal(['Alison Moore', 'Tina Walmsley']);
    expect(splitLeadNames('  ')).to.deep.equal([]);
    expect(splitLeadNames('Matt Pilling; Sapphire Murray & Tina Walmsley\nAlison Moore')).to.deep.equal([
      'Matt Pilling',
      'Sapphire Murray',
      'Tina Walmsley',
      'Alison Moore',
    ]);
  });

  it('keeps a comma or "and" inside one name, and says it might be two people', () => {
    expect(splitLeadNames('Pilling, Matt')).to.deep.equal(['Pilling, Matt']);
    expect(splitLeadNames("Director of Policy, Commissioning and Children's Health")).to.have.length(1);
    expect(splitLeadNames('Head of SEND and Inclusion')).to.deep.equal(['Head of SEND and Inclusion']);
    expect(mayNameTwoPeople('Head of SEND and Inclusion')).to.equal(true);
    expect(mayNameTwoPeople('Pilling, Matt')).to.equal(true);
    expect(mayNameTwoPeople('Sandy Anderson')).to.equal(false);
  });

  it('gives two spellings of one person one key', () => {
    expect(leadKey('Fiona Harris Hilton')).to.equal('fiona-harris-hilton');
    expect(leadKey('Fiona Harris- Hilton')).to.equal('fiona-harris-hilton');
    expect(leadKey('Lesley Anderson-Hadley')).to.equal('lesley-anderson-hadley');
  });

  it('counts a lead as matched when Teams can name them and we can mail them', () => {
    const leads = [
      { key: 'a', displayName: 'A', aliases: [], aadObjectId: 'ABC', email: 'a@x.org' },
      { key: 'b', displayName: 'B', aliases: [], upn: 'b@x.org' },
    ];
    expect(isMatched(leads[0])).to.equal(true);
    expect(isMatched(leads[1])).to.equal(false);
  });
});
