import { expect } from 'chai';
import { changesSince } from '../../core/changes-since';
import type { Action, ActionUpdate, FieldChange } from '../../core/model';
import { SURVEY } from '../cards/fixtures';

const entry = (at: string, byName: string, changes: FieldChange[]): ActionUpdate => ({
  id: at,
  actionRef: '1.1.3',
  at,
  by: byName.toLowerCase().replace(/ /g, '-'),
  byName,
  source: 'teams-card',
  kind: 'status',
  changes,
});

// The card was drawn at the 3 Mar version (Amber, due 31 Mar); three changes followed.
const cardVersion = SURVEY.lastUpdatedAt!;
const history: ActionUpdate[] = [
  entry('2023-03-01T10:00:00Z', 'Jennifer Ashton', [{ field: 'rag', from: 'Green', to: 'Amber' }]),
  entry(cardVersion, 'Jennifer Ashton', [{ field: 'commentary', from: null, to: SURVEY.commentary }]),
  entry('2023-03-06T09:00:00Z', 'Board Secretariat', [
    { field: 'rag', from: 'Amber', to: 'Red' },
    { field: 'dueDate', from: '2023-03-31', to: '2023-05-31' },
  ]),
  entry('2023-03-07T09:00:00Z', 'Sally Richardson', [{ field: 'commentary', from: SURVEY.commentary, to: 'Data team back; analysis under way.' }]),
  entry('2023-03-08T09:00:00Z', 'Board Secretariat', [{ field: 'dueDate', from: '2023-05-31', to: '2023-06-30' }]),
];
const current: Action = {
  ...SURVEY,
  rag: 'Red',
  dueDate: '2023-06-30',
  commentary: 'Data team back; analysis under way.',
  lastUpdatedAt: '2023-03-08T09:00:00Z',
};

describe('changesSince', () => {
  it('lists every change after the card’s version, one per field, from what the card showed to what it is now', () => {
    const missed = changesSince(history, current, { updatedAt: cardVersion });
    expect(missed.changes).to.deep.equal([
      { field: 'rag', from: 'Amber', to: 'Red' },
      { field: 'dueDate', from: '2023-03-31', to: '2023-06-30' },
      { field: 'commentary', from: SURVEY.commentary, to: 'Data team back; analysis under way.' },
    ]);
    expect(missed.by).to.deep.equal(['Board Secretariat', 'Sally Richardson']);
    expect(missed.at).to.equal('2023-03-08T09:00:00Z');
  });

  it('leaves out a field changed and changed back', () => {
    const back = [...history, entry('2023-03-09T09:00:00Z', 'Sally Richardson', [{ field: 'rag', from: 'Red', to: 'Amber' }])];
    const missed = changesSince(back, { ...current, rag: 'Amber' }, { updatedAt: cardVersion });
    expect(missed.changes.map((c) => c.field)).to.deep.equal(['dueDate', 'commentary']);
  });

  it('a card drawn before any update counts the whole history', () => {
    const missed = changesSince(history, current, { updatedAt: '' });
    expect(missed.changes.find((c) => c.field === 'rag')).to.deep.equal({ field: 'rag', from: 'Green', to: 'Red' });
    expect(missed.by).to.deep.equal(['Jennifer Ashton', 'Board Secretariat', 'Sally Richardson']);
  });

  it('a card that does not say its version gets only the latest change', () => {
    expect(changesSince(history, current, {}).changes).to.deep.equal([{ field: 'dueDate', from: '2023-05-31', to: '2023-06-30' }]);
  });

  it('nothing after the card’s version means nothing missed', () => {
    expect(changesSince(history, current, { updatedAt: '2023-03-08T09:00:00Z' })).to.deep.equal({ changes: [], by: [], at: undefined });
  });

  describe('by the eTag of the version the card showed', () => {
    const on = (u: ActionUpdate, baseEtag: string): ActionUpdate => ({ ...u, baseEtag });
    // An import changed the text after the lead's last update; the card was drawn after it (version 3).
    const imported = on(
      { ...entry('2023-03-05T09:00:00Z', 'Plan import', [{ field: 'text', from: 'Old text', to: SURVEY.text }]), kind: 'import' },
      '"{A},2"',
    );
    const withEtags = [
      on(history[0], '"{A},0"'),
      on(history[1], '"{A},1"'),
      imported,
      on(history[2], '"{A},3"'),
      on(history[3], '"{A},4"'),
      on(history[4], '"{A},5"'),
    ];

    it('starts at the record made on top of it, so an import the card already showed is not listed', () => {
      const missed = changesSince(withEtags, current, { etag: '"{A},3"', updatedAt: cardVersion });
      expect(missed.changes.map((c) => c.field)).to.deep.equal(['rag', 'dueDate', 'commentary']);
      expect(missed.by).to.deep.equal(['Board Secretariat', 'Sally Richardson']);
    });

    it('keeps two changes made in the same second apart', () => {
      const sameSecond = [on(history[2], '"{A},3"'), on({ ...history[3], at: history[2].at }, '"{A},4"')];
      expect(changesSince(sameSecond, current, { etag: '"{A},4"', updatedAt: history[2].at }).by).to.deep.equal(['Sally Richardson']);
    });

    it('falls back to time when no record names that version', () => {
      expect(changesSince(withEtags, current, { etag: '"{A},9"', updatedAt: '2023-03-07T12:00:00Z' }).by).to.deep.equal(['Board Secretariat']);
    });
  });
});
