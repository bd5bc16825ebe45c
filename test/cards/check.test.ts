import { expect } from 'chai';
import { cardProblems } from '../../bot/cards/check';

const good = () => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'Hello', wrap: true }],
  actions: [{ type: 'Action.Execute', title: 'Go', verb: 'planpulse.refresh', data: { ref: '1.1.3' } }],
});

describe('cardProblems', () => {
  it('finds nothing wrong with a plain 1.5 card', () => {
    expect(cardProblems(good())).to.deep.equal([]);
  });

  it('reports what the parser reports: unknown elements and bad values', () => {
    const card = good();
    card.body.push({ type: 'Bogus', text: '', wrap: true }, { type: 'TextBlock', text: 'x', wrap: true, color: 'purple' } as never);
    const problems = cardProblems(card);
    expect(problems.some((p) => p.includes('Bogus'))).to.equal(true);
    expect(problems.some((p) => p.includes('purple'))).to.equal(true);
  });

  it('reports a misspelt property the parser would silently ignore', () => {
    const card = { ...good(), body: [{ type: 'Input.Text', id: 'commentary', label: 'Commentary', isMultiLine: true }] };
    expect(cardProblems(card)).to.deep.equal(['card.body[0] (Input.Text): unknown property "isMultiLine".']);
  });

  it('does not look inside button data, which is free-form', () => {
    const card = good();
    card.actions[0].data = { ref: '1.1.3', anything: { type: 'TextBlock', nonsense: true } } as never;
    expect(cardProblems(card)).to.deep.equal([]);
  });

  it('rejects versions other than 1.5, properties newer than 1.5, and Action.Submit', () => {
    expect(cardProblems({ ...good(), version: '1.6' })).to.include('Card version is 1.6; Teams renders up to 1.5.');
    const newer = { ...good(), body: [{ type: 'Input.Text', id: 'a', label: 'A', labelPosition: 'inline' }] };
    expect(cardProblems(newer)).to.deep.equal(['Property "labelPosition" is supported in version 1.6, but you are using version 1.5.']);
    const submit = { ...good(), actions: [{ type: 'Action.Submit', title: 'Send', data: {} }] };
    expect(cardProblems(submit)[0]).to.match(/Action\.Submit is not handled/);
  });

  it('reports an Execute action without a verb and duplicate input ids', () => {
    const card = {
      ...good(),
      body: [
        { type: 'Input.Text', id: 'rag', label: 'A' },
        { type: 'Input.Text', id: 'rag', label: 'B' },
      ],
      actions: [{ type: 'Action.Execute', title: 'Go', data: {} }],
    };
    const problems = cardProblems(card);
    expect(problems.some((p) => /Duplicate Id "rag"/i.test(p))).to.equal(true);
    expect(problems.some((p) => p.includes('has no verb'))).to.equal(true);
  });

  it('reports a card over the 28 KB Teams limit', () => {
    const card = { ...good(), body: [{ type: 'TextBlock', text: 'é'.repeat(15_000), wrap: true }] };
    expect(cardProblems(card))
      .to.have.length(1)
      .and.to.satisfy((p: string[]) => /bytes; Teams accepts at most 28672/.test(p[0]));
  });
});
