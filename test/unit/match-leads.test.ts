import { expect } from 'chai';
import { identityClashes, normaliseLead } from '../../core/lead-identity';
import { matchPeople } from '../../core/match-leads';
import type { Lead } from '../../core/model';
import { toSheet } from '../../core/import/table';

const HEAD = ['name', 'email', 'upn', 'aad_object_id', 'secretariat', 'chair_of'];
const people = (...rows: string[][]) => toSheet('people.csv', [HEAD, ...rows]);
const lead = (key: string, displayName: string, over: Partial<Lead> = {}): Lead => ({ key, displayName, aliases: [], ...over });
const ID1 = '0d1e2f30-1111-4111-8111-000000000001';
const ID2 = '0d1e2f30-1111-4111-8111-000000000002';
const messages = (m: ReturnType<typeof matchPeople>) => m.problems.map((p) => `row ${p.rowNumber}: ${p.message}`);

describe('matching people to leads', () => {
  const stored = [
    lead('jennifer-ashton', 'Jennifer Ashton'),
    lead('sally-richardson', 'Sally Richardson', { email: 'sally@lancashire.example', aadObjectId: ID2 }),
  ];

  it('updates leads and adds people, keeping ids and addresses lower case', () => {
    const m = matchPeople(stored, people(['Jennifer Ashton', 'Jennifer.Ashton@Lancashire.example', '', ID1.toUpperCase(), '', 'communications']), [
      'communications',
    ]);
    expect(m.problems).to.deep.equal([]);
    expect(m.updated).to.deep.equal([
      lead('jennifer-ashton', 'Jennifer Ashton', {
        email: 'jennifer.ashton@lancashire.example',
        upn: 'jennifer.ashton@lancashire.example',
        aadObjectId: ID1,
      }),
    ]);
    expect(m.chairs).to.deep.equal([{ groupKey: 'communications', leadKey: 'jennifer-ashton' }]);
  });

  it('reads secretariat as yes or no, and refuses anything else with its row number', () => {
    const ok = matchPeople(stored, people(['Jennifer Ashton', '', '', '', 'Yes', ''], ['Board Secretariat', '', '', '', 'false', '']), []);
    expect(ok.problems).to.deep.equal([]);
    expect([...ok.updated, ...ok.added].map((l) => [l.key, !!l.isSecretariat])).to.deep.equal([
      ['jennifer-ashton', true],
      ['board-secretariat', false],
    ]);
    const m = matchPeople(stored, people(['Jennifer Ashton', '', '', '', '', ''], ['Board Secretariat', '', '', '', 'maybe', '']), []);
    expect(messages(m)).to.deep.equal(['row 3: secretariat "maybe" should be yes or no (yes, no, true, false, 1, 0, or blank for no)']);
    expect(m.toSave).to.deep.equal([]);
  });

  it('refuses an Entra id or address given to two people in the sheet, with both row numbers, and returns nothing to save', () => {
    const m = matchPeople(
      stored,
      people(
        ['Jennifer Ashton', 'ja@lancashire.example', '', ID1, '', ''],
        ['Board Secretariat', 'board@lancashire.example', '', ID1.toUpperCase(), 'yes', ''],
        ['Tina Walmsley', 'JA@lancashire.example', '', '', '', ''],
      ),
      [],
    );
    expect(messages(m)).to.deep.equal([
      `row 3: Entra object id ${ID1} is also given to Jennifer Ashton on row 2`,
      'row 4: address ja@lancashire.example is also given to Jennifer Ashton on row 2',
    ]);
    expect([m.updated, m.added, m.chairs]).to.deep.equal([[], [], []]);
  });

  it('refuses an Entra id or address that already belongs to a stored lead the sheet leaves alone', () => {
    const m = matchPeople(stored, people(['Jennifer Ashton', 'SALLY@lancashire.example', '', ID2.toUpperCase(), '', '']), []);
    expect(messages(m)).to.deep.equal([
      `row 2: Entra object id ${ID2} already belongs to Sally Richardson, who is not in this sheet`,
      'row 2: address sally@lancashire.example already belongs to Sally Richardson, who is not in this sheet',
    ]);
    expect(m.updated).to.deep.equal([]);
  });

  it('accepts an id moved from one lead to another when the sheet changes both, saving its old holder first', () => {
    const m = matchPeople(
      stored,
      people(['Jennifer Ashton', 'sally@lancashire.example', '', ID2, '', ''], ['Sally Richardson', 'sally.r@lancashire.example', '', ID1, '', '']),
      [],
    );
    expect(m.problems).to.deep.equal([]);
    expect(m.toSave.map((l) => [l.key, l.aadObjectId])).to.deep.equal([
      ['sally-richardson', ID1],
      ['jennifer-ashton', ID2],
    ]);
  });

  it('saves a chain of moved ids from its far end: each old holder before the lead that takes its id', () => {
    const ID3 = '0d1e2f30-1111-4111-8111-000000000003';
    const ID4 = '0d1e2f30-1111-4111-8111-000000000004';
    const three = [
      lead('a-lead', 'A Lead', { aadObjectId: ID1 }),
      lead('b-lead', 'B Lead', { aadObjectId: ID2 }),
      lead('c-lead', 'C Lead', { aadObjectId: ID3 }),
    ];
    // A takes B's id, B takes C's, C takes a new one: only C can go first, then B, then A.
    const m = matchPeople(three, people(['A Lead', '', '', ID2, '', ''], ['B Lead', '', '', ID3, '', ''], ['C Lead', '', '', ID4, '', '']), []);
    expect(m.problems).to.deep.equal([]);
    expect(m.toSave.map((l) => [l.key, l.aadObjectId])).to.deep.equal([
      ['c-lead', ID4],
      ['b-lead', ID3],
      ['a-lead', ID2],
    ]);
  });

  it('matches a directory export of thousands of people in linear time, clashes still found', function () {
    this.timeout(60_000);
    // Every pair was compared, and the save order searched again after each save: 1,000 people took 2.4 s, 3,000 took 30 s.
    const n = 5_000;
    const hex = (i: number) => i.toString(16).padStart(12, '0');
    const rows = Array.from({ length: n }, (_, i) => [
      `Person ${i}`,
      `p${i}@lancashire.example`,
      '',
      `0d1e2f30-1111-4111-8111-${hex(i + 100)}`,
      '',
      '',
    ]);
    rows.push(['Person Twice', 'p7@lancashire.example', '', '', '', '']);
    const start = Date.now();
    const m = matchPeople(stored, people(...rows), []);
    const ms = Date.now() - start;
    console.log(`      ${n.toLocaleString('en-GB')} people matched in ${ms} ms`);
    expect(messages(m)).to.deep.equal([`row ${n + 2}: address p7@lancashire.example is also given to Person 7 on row 9`]);
    expect(matchPeople(stored, people(...rows.slice(0, n)), []).toSave).to.have.length(n);
    expect(ms).to.be.below(10_000);
  });

  it('refuses two leads that only swap ids, which no order of saves allows', () => {
    const both = [
      lead('jennifer-ashton', 'Jennifer Ashton', { aadObjectId: ID1 }),
      lead('sally-richardson', 'Sally Richardson', { aadObjectId: ID2 }),
    ];
    const m = matchPeople(both, people(['Jennifer Ashton', '', '', ID2, '', ''], ['Sally Richardson', '', '', ID1, '', '']), []);
    expect(messages(m)).to.have.length(2);
    expect(messages(m)[0]).to.equal(
      'row 2: Jennifer Ashton (row 2), Sally Richardson (row 3) swap Entra ids or addresses between them, which cannot be saved one lead at a time: load a sheet that clears one of them first',
    );
    expect(m.toSave).to.deep.equal([]);
  });

  it('refuses one person on two rows, even spelt differently', () => {
    const m = matchPeople(stored, people(['Jennifer Ashton', '', '', ID1, '', ''], ['Jennifer  Ashton', '', '', '', '', '']), []);
    expect(messages(m)).to.deep.equal(['row 3: Jennifer Ashton is also on row 2']);
  });

  it('reports bad cells with every other problem, in row order', () => {
    const m = matchPeople(stored, people(['', 'nameless@x.org', '', '', '', ''], ['Someone', 'not-an-email', '', 'not-a-guid', '', 'nowhere']), [
      'communications',
    ]);
    expect(messages(m)).to.deep.equal([
      'row 2: no name',
      'row 3: "not-an-email" is not an email address',
      'row 3: "not-a-guid" is not an Entra object id (a GUID)',
      'row 3: chair_of "nowhere" is not a delivery group (communications)',
    ]);
  });
});

describe('lead identity', () => {
  it('keeps Entra ids and addresses lower case and trimmed, dropping blanks', () => {
    expect(normaliseLead(lead('a', 'A', { aadObjectId: ` ${ID1.toUpperCase()} `, email: ' A@X.org', upn: '  ' }))).to.deep.equal(
      lead('a', 'A', { aadObjectId: ID1, email: 'a@x.org' }),
    );
  });

  it('names both leads when one would share an id or address with another, but not with itself', () => {
    const jennifer = lead('jennifer-ashton', 'Jennifer Ashton', { aadObjectId: ID1, upn: 'ja@x.org' });
    expect(identityClashes(jennifer, [jennifer])).to.deep.equal([]);
    expect(
      identityClashes(lead('sally-richardson', 'Sally Richardson', { aadObjectId: ID1.toUpperCase(), email: 'JA@x.org' }), [jennifer, jennifer]),
    ).to.deep.equal([
      `Sally Richardson cannot have the Entra object id ${ID1}: it already belongs to Jennifer Ashton.`,
      'Sally Richardson cannot have the address ja@x.org: it already belongs to Jennifer Ashton.',
    ]);
  });
});
