import { expect } from 'chai';
import { cardProblems } from '../../bot/cards/check';
import { updateFormCard } from '../../bot/cards/update-form-card';
import { VERBS } from '../../bot/cards/verbs';
import { allText, buttons, input, inputs, textBlocks } from './card-walk';
import { EXCLUSIONS, POWAR, SCHOOL_LINKS, SURVEY, TODAY } from './fixtures';

describe('updateFormCard', () => {
  const card = updateFormCard({ action: SURVEY, etag: '"1,4"', today: TODAY });

  it('parses with no problems', () => {
    expect(cardProblems(card)).to.deep.equal([]);
  });

  it('shows the ref, full text, current RAG in words and the due date', () => {
    const text = allText(card);
    expect(text).to.include('Update 1.1.3');
    expect(text).to.include(SURVEY.text);
    expect(text).to.include('Now: ▲ Amber – likely to miss its deadline');
    expect(text).to.include('Due 31 Mar 2023.');
    expect(text).to.include('Survey method agreed');
  });

  it('labels every input and gives each an error message', () => {
    expect(inputs(card).map((i) => i.id)).to.deep.equal(['rag', 'newDueDate', 'commentary', 'completionEvidence']);
    for (const i of inputs(card)) {
      expect(i.label, String(i.id)).to.be.a('string').and.not.equal('');
      expect(i.errorMessage, String(i.id)).to.be.a('string').and.not.equal('');
    }
    expect(input(card, 'newDueDate').label).to.equal('New completion date (required for Red)');
    expect(input(card, 'commentary').label).to.equal('Commentary (required for Amber or a date change)');
    expect(input(card, 'completionEvidence').label).to.equal('Completion evidence (required to report completion)');
  });

  it('requires only the RAG status, offered in words with the current one chosen', () => {
    const rag = input(card, 'rag');
    expect(
      inputs(card)
        .filter((i) => i.isRequired)
        .map((i) => i.id),
    ).to.deep.equal(['rag']);
    expect(rag.type).to.equal('Input.ChoiceSet');
    expect(rag.style).to.equal('expanded');
    expect(rag.value).to.equal('Amber');
    expect(rag.choices).to.deep.equal([
      { title: 'Green – on target', value: 'Green' },
      { title: 'Amber – likely to miss its deadline', value: 'Amber' },
      { title: 'Red – missed its deadline (give a new date)', value: 'Red' },
      { title: 'Grey – not started', value: 'Grey' },
      { title: 'Blue – completed (needs evidence; goes to the chair for sign-off)', value: 'Blue' },
    ]);
  });

  it('allows only dates after today and limits text to 2,000 characters', () => {
    expect(input(card, 'newDueDate')).to.include({ type: 'Input.Date', min: '2023-03-14' });
    for (const id of ['commentary', 'completionEvidence'])
      expect(input(card, id)).to.include({ type: 'Input.Text', isMultiline: true, maxLength: 2000 });
  });

  it('saves with the inputs and goes back without them', () => {
    expect(buttons(card).map((b) => [b.title, b.verb, b.data, b.associatedInputs])).to.deep.equal([
      ['Save update', VERBS.saveUpdate, { ref: '1.1.3', etag: '"1,4"', updatedAt: SURVEY.lastUpdatedAt }, 'auto'],
      ['Back', VERBS.backToList, {}, 'none'],
    ]);
  });

  describe('sent back with errors', () => {
    const errors = ['Red needs a new completion date after today.', 'Amber needs a commentary.'];
    const values = { rag: 'Red', commentary: 'Waiting for the ICB working group to meet.', newDueDate: '2023-03-01', completionEvidence: '' };
    const again = updateFormCard({ action: SURVEY, etag: '"1,4"', today: TODAY, errors, values });

    it('lists them first, in words and in the attention colour', () => {
      expect(cardProblems(again)).to.deep.equal([]);
      const top = again.body[0] as {
        type: string;
        items: Array<{ text?: string; color?: string; inlines?: Array<{ text: string; color: string }> }>;
      };
      expect(top.type).to.equal('Container');
      // The reasons are plain runs (they may quote what was typed); the heading is a TextBlock.
      expect(top.items.map((t) => (t.inlines ? [t.inlines[0].text, t.inlines[0].color] : [t.text, t.color]))).to.deep.equal([
        ['Please fix:', 'attention'],
        ['• Red needs a new completion date after today.', 'attention'],
        ['• Amber needs a commentary.', 'attention'],
      ]);
      expect(again.speak.startsWith('Please fix: Red needs a new completion date after today.')).to.equal(true);
    });

    it('keeps what the lead typed', () => {
      expect(input(again, 'rag').value).to.equal('Red');
      expect(input(again, 'commentary').value).to.equal(values.commentary);
      expect(input(again, 'newDueDate').value).to.equal('2023-03-01');
      expect(input(again, 'completionEvidence')).not.to.have.property('value');
    });

    it('falls back to the current status if the typed one is not a status', () => {
      const odd = updateFormCard({ action: SURVEY, etag: 'e', today: TODAY, values: { rag: 'Purple' } });
      expect(input(odd, 'rag').value).to.equal('Amber');
    });
  });

  it('has no error block when there are no errors', () => {
    expect(allText(card)).not.to.include('Please fix');
    expect(textBlocks(card)[0].text).to.equal('Update 1.1.3');
  });

  it('offers sign-off to a chair once completion is reported, and not otherwise', () => {
    const chair = updateFormCard({ action: EXCLUSIONS, etag: '"5,2"', today: TODAY, canSignOff: true });
    expect(cardProblems(chair)).to.deep.equal([]);
    const signOff = buttons(chair).find((b) => b.title === 'Sign off as complete');
    expect(signOff).to.include({ verb: VERBS.signOff, associatedInputs: 'none' });
    expect(signOff!.data).to.deep.equal({ ref: '1.5.2', etag: '"5,2"', updatedAt: EXCLUSIONS.lastUpdatedAt ?? '' });
    expect(allText(chair)).to.include("Reported complete on 10 Mar 2023, 11:00 – waiting for the chair's sign-off.");
    expect(allText(chair)).to.include('Terms of reference and first minutes');

    const lead = updateFormCard({ action: EXCLUSIONS, etag: '"5,2"', today: TODAY });
    expect(buttons(lead).map((b) => b.title)).to.deep.equal(['Save update', 'Back']);
    // Starts at Blue while awaiting sign-off, so a comment alone does not withdraw the report.
    expect(EXCLUSIONS.rag).to.not.equal('Blue');
    expect(input(lead, 'rag')!.value).to.equal('Blue');
    const notReported = updateFormCard({ action: SURVEY, etag: 'e', today: TODAY, canSignOff: true });
    expect(buttons(notReported).map((b) => b.title)).to.deep.equal(['Save update', 'Back']);
    const signedOff = updateFormCard({ action: { ...EXCLUSIONS, rag: 'Blue' }, etag: 'e', today: TODAY, canSignOff: true });
    expect(buttons(signedOff).map((b) => b.title)).to.deep.equal(['Save update', 'Back']);
  });

  it('shows a moved date beside the one first planned', () => {
    expect(allText(updateFormCard({ action: SCHOOL_LINKS, etag: 'e', today: TODAY }))).to.include('Due 30 Jun 2023. First planned for 31 Jan 2023.');
  });

  it('stays small with the longest text and a full commentary', () => {
    const big = updateFormCard({
      action: POWAR,
      etag: 'e',
      today: TODAY,
      errors: ['x'.repeat(300)],
      values: { commentary: 'y'.repeat(2000), completionEvidence: 'z'.repeat(2000) },
    });
    expect(cardProblems(big)).to.deep.equal([]);
  });

  it('shows what people typed as plain text, never as Markdown a chair could click', () => {
    const typed = '[Report](https://evil.example) **urgent** <script>x</script>';
    const card = updateFormCard({
      action: { ...SURVEY, commentary: typed, completionReportedAt: '2023-03-10T11:00:00Z', completionEvidence: typed },
      etag: 'e',
      today: TODAY,
      canSignOff: true,
    });
    expect(cardProblems(card)).to.deep.equal([]);
    expect(
      textBlocks(card)
        .map((t) => String(t.text))
        .join('\n'),
    ).not.to.contain('evil.example');
    expect(
      allText(card)
        .split('\n')
        .filter((line) => line === typed),
    ).to.have.length(2); // commentary and evidence, word for word
  });
});
