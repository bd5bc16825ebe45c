import { expect } from 'chai';
import { cardProblems } from '../../bot/cards/check';
import { conflictCard } from '../../bot/cards/conflict-card';
import { VERBS } from '../../bot/cards/verbs';
import { allText, buttons } from './card-walk';
import { SCHOOL_LINKS, TODAY } from './fixtures';

describe('conflictCard', () => {
  const card = conflictCard({
    current: SCHOOL_LINKS,
    etag: '"3,8"',
    changes: [
      { field: 'rag', from: 'Amber', to: 'Red' },
      { field: 'dueDate', from: '2023-01-31', to: '2023-06-30' },
      { field: 'commentary', from: undefined, to: 'Primary advisers restructured in January.' },
    ],
    changedBy: ['Sally Richardson'],
    changedAt: '2023-03-13T09:41:00Z',
    today: TODAY,
  });

  it('parses with no problems', () => {
    expect(cardProblems(card)).to.deep.equal([]);
  });

  it('says who changed what, with field names and values in words', () => {
    const text = allText(card);
    expect(text).to.include('Someone else updated 1.4.3 since this card was sent');
    expect(text).to.include('Changed by Sally Richardson on 13 Mar 2023, 09:41.');
    expect(text).to.include('RAG status: was Amber – likely to miss its deadline; now Red – missed its deadline');
    expect(text).to.include('Due date: was 31 Jan 2023; now 30 Jun 2023');
    // Typed text is its own block of plain text under its label, not a fact Teams would read as Markdown.
    expect(text).to.include('Commentary\nwas (blank); now Primary advisers restructured in January.');
    expect(text).not.to.include('Commentary: was');
  });

  it('shows where the action stands now', () => {
    const text = allText(card);
    expect(text).to.include('■ Red – missed its deadline');
    expect(text).to.include('Due 30 Jun 2023. Last updated 20 Feb 2023, 09:30.');
  });

  it('opens the form on the current version, or goes back', () => {
    expect(buttons(card).map((b) => [b.title, b.verb, b.data])).to.deep.equal([
      ['Update', VERBS.openUpdate, { ref: '1.4.3', etag: '"3,8"', updatedAt: SCHOOL_LINKS.lastUpdatedAt }],
      ['Back', VERBS.backToList, {}],
    ]);
  });

  it('names everyone who changed it since the card', () => {
    const two = conflictCard({
      current: SCHOOL_LINKS,
      etag: 'e',
      changes: [],
      changedBy: ['Board Secretariat', 'Sally Richardson'],
      changedAt: '2023-03-13T09:41:00Z',
      today: TODAY,
    });
    expect(allText(two)).to.include('Changed by Board Secretariat and Sally Richardson on 13 Mar 2023, 09:41.');
  });

  it('when the card did not say which version it showed, shows the current state without claiming what changed', () => {
    const unknown = conflictCard({ current: SCHOOL_LINKS, etag: '"3,8"', changes: [], today: TODAY, versionKnown: false });
    expect(cardProblems(unknown)).to.deep.equal([]);
    const text = allText(unknown);
    expect(text).to.include('1.4.3 as it stands now');
    expect(text).to.include('does not say which version');
    expect(text).not.to.include('Someone else');
    expect(text).to.include('■ Red – missed its deadline');
  });

  it('copes with nothing known about the change', () => {
    const bare = conflictCard({ current: SCHOOL_LINKS, etag: 'e', changes: [], today: TODAY });
    expect(cardProblems(bare)).to.deep.equal([]);
    expect(allText(bare)).to.include('The details below are the latest.');
    expect(allText(bare)).not.to.include('Changed by');
  });
});
