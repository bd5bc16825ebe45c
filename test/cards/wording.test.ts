import { expect } from 'chai';
import { asSentences } from '../../bot/cards/card-json';
import { messageCard } from '../../bot/cards/message-card';
import { valueInWords } from '../../bot/cards/field-words';
import { pageOf } from '../../bot/cards/paging';
import { RAG_STYLE, ragLine } from '../../bot/cards/rag-style';
import { truncate } from '../../bot/cards/wording';
import { RAG_STATUSES } from '../../core/model';

describe('card wording', () => {
  it('speaks a title and its lines as separate sentences', () => {
    expect(asSentences(['Not allowed', 'Only the lead can update 1.1.3.', ' ', 'Nothing was changed'])).to.equal(
      'Not allowed. Only the lead can update 1.1.3. Nothing was changed.',
    );
    expect(asSentences(['What you can type:', 'help – this list'])).to.equal('What you can type: help – this list.');
    const card = messageCard({ title: 'You are not in the plan’s leads list', lines: ['Ask the board secretariat to add you.'] });
    expect(card.speak).to.equal('You are not in the plan’s leads list. Ask the board secretariat to add you.');
    expect(card.fallbackText).to.equal(card.speak);
  });

  it('truncates to the limit at a word, flattening line breaks', () => {
    const cut = truncate('Review the approaches for collecting the annual review survey data\n- Establish method', 40);
    expect(cut).to.equal('Review the approaches for collecting…');
    expect(Array.from(cut).length).to.be.at.most(40);
    expect(truncate('Short\n  text', 40)).to.equal('Short text');
    expect(Array.from(truncate('😀'.repeat(50), 10))).to.have.length(10);
  });

  it('gives every RAG status a distinct symbol, a text colour Teams knows, and its words', () => {
    const symbols = RAG_STATUSES.map((rag) => RAG_STYLE[rag].symbol);
    expect(new Set(symbols).size).to.equal(RAG_STATUSES.length);
    expect(RAG_STATUSES.map((rag) => RAG_STYLE[rag].color)).to.deep.equal(['default', 'accent', 'good', 'warning', 'attention']);
    expect(ragLine('Blue')).to.equal('✔ Blue – completed and signed off');
  });

  it('puts field values into words', () => {
    expect(valueInWords('rag', 'Grey')).to.equal('Grey – not started');
    expect(valueInWords('dueDate', '2023-03-31')).to.equal('31 Mar 2023');
    expect(valueInWords('signedOffAt', '2023-07-01T08:00:00Z')).to.equal('1 Jul 2023, 09:00');
    expect(valueInWords('commentary', undefined)).to.equal('(blank)');
    expect(valueInWords('leadKeys', ['clare-smith', 'lisa-taylor'])).to.equal('clare-smith, lisa-taylor');
  });

  it('pages 1-based and pulls stray page numbers into range', () => {
    const refs = Array.from({ length: 23 }, (_, i) => i);
    expect(pageOf(refs, 5)).to.deep.include({ page: 5, pageCount: 5, items: [20, 21, 22] });
    expect(pageOf(refs, -3).page).to.equal(1);
    expect(pageOf(refs, 2.5).page).to.equal(1);
    expect(pageOf([], 1)).to.deep.equal({ items: [], page: 1, pageCount: 1 });
    expect(pageOf(refs, 1, 0).pageCount).to.equal(5);
  });
});
