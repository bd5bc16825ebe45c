import { expect } from 'chai';
import { cardProblems } from '../../bot/cards/check';
import { savedCard } from '../../bot/cards/saved-card';
import { VERBS } from '../../bot/cards/verbs';
import { allText, buttons } from './card-walk';
import { SCHOOL_LINKS, SURVEY, TODAY, update } from './fixtures';

describe('savedCard', () => {
  const redWithDate = savedCard({
    action: SCHOOL_LINKS,
    today: TODAY,
    update: update({
      actionRef: '1.4.3',
      kind: 'status',
      changes: [
        { field: 'rag', from: 'Amber', to: 'Red' },
        { field: 'dueDate', from: '2023-01-31', to: '2023-06-30' },
        { field: 'commentary', from: 'Old words', to: 'Primary advisers restructured in January; new date agreed with the working group.' },
      ],
    }),
  });

  it('parses with no problems', () => {
    expect(cardProblems(redWithDate)).to.deep.equal([]);
  });

  it('repeats back what was saved, in words', () => {
    const text = allText(redWithDate);
    expect(text).to.include('Saved: 1.4.3');
    expect(text).to.include('RAG status: Red – missed its deadline');
    expect(text).to.include('New due date: 30 Jun 2023');
    expect(text).to.include('Commentary\nPrimary advisers restructured in January');
    expect(text).to.include('Now: ■ Red – missed its deadline');
    expect(text).to.include('Saved 13 Mar 2023, 10:15.');
    expect(redWithDate.speak).to.include('RAG status: Red – missed its deadline.');
  });

  it('offers only a way back to the list', () => {
    expect(buttons(redWithDate).map((b) => [b.title, b.verb, b.data])).to.deep.equal([['Back to my actions', VERBS.backToList, {}]]);
  });

  it('says a reported completion waits for the chair', () => {
    const reported = savedCard({
      action: { ...SURVEY, completionEvidence: 'Survey report to PACT, 9 Mar 2023', completionReportedAt: '2023-03-13T10:15:00Z' },
      today: TODAY,
      update: update({
        kind: 'completion-reported',
        changes: [
          { field: 'completionEvidence', from: undefined, to: 'Survey report to PACT, 9 Mar 2023' },
          { field: 'completionReportedAt', from: undefined, to: '2023-03-13T10:15:00Z' },
          { field: 'completionReportedBy', from: undefined, to: 'jennifer-ashton' },
        ],
      }),
    });
    expect(cardProblems(reported)).to.deep.equal([]);
    const text = allText(reported);
    expect(text).to.include("Reported complete – waiting for the chair's sign-off");
    expect(text).to.include('Completion evidence\nSurvey report to PACT, 9 Mar 2023');
    expect(text).not.to.include('Reported complete by');
  });

  it('thanks a lead for No change and still points out a date that has passed', () => {
    const card = savedCard({ action: { ...SURVEY, rag: 'Green' }, today: '2023-04-03', update: update({ kind: 'no-change', changes: [] }) });
    expect(cardProblems(card)).to.deep.equal([]);
    expect(allText(card)).to.include('No change recorded for this week. Thank you.');
    expect(allText(card)).to.include('Still needs attention: Green but due 31 Mar 2023: needs review.');
  });
});
