import { expect } from 'chai';
import { cardProblems } from '../../bot/cards/check';
import { nudgeCard } from '../../bot/cards/nudge-card';
import { cardBytes, CARD_BUDGET_BYTES } from '../../bot/cards/size';
import { VERBS } from '../../bot/cards/verbs';
import { allText, buttons, byTitle, textBlocks } from './card-walk';
import { CHILDREN_FEEDBACK, manyActions, NO_DATE, SCHOOL_LINKS, SURVEY, TODAY } from './fixtures';

const three = [
  { action: SURVEY, etag: '"1,4"', reasons: ['Amber: tell us how it is going.'] },
  { action: CHILDREN_FEEDBACK, etag: '"2,1"', reasons: ['Not started, due 31 Mar 2023.'] },
  { action: SCHOOL_LINKS, etag: '"3,7"', reasons: [] },
];

describe('nudgeCard', () => {
  const card = nudgeCard({ leadName: 'Jennifer Ashton', items: three, page: 1, cycle: '2023-W11', today: TODAY });

  it('parses with no problems', () => {
    expect(cardProblems(card)).to.deep.equal([]);
  });

  it('gives each action a No change and an Update button carrying only its ref and the version it showed', () => {
    const noChange = byTitle(card, 'No change');
    const update = byTitle(card, 'Update');
    expect(noChange.map((b) => [b.type, b.verb, b.data])).to.deep.equal(
      three.map((i) => ['Action.Execute', VERBS.noChange, { ref: i.action.ref, etag: i.etag, updatedAt: i.action.lastUpdatedAt ?? '' }]),
    );
    expect(update.map((b) => [b.verb, b.data])).to.deep.equal(
      three.map((i) => [VERBS.openUpdate, { ref: i.action.ref, etag: i.etag, updatedAt: i.action.lastUpdatedAt ?? '' }]),
    );
    expect(buttons(card)).to.have.length(6); // no paging for one page
  });

  it('shows each RAG status in words beside its colour and symbol', () => {
    const rag = textBlocks(card).filter((t) => typeof t.color === 'string' && t.weight === 'bolder');
    expect(rag.map((t) => [t.text, t.color])).to.deep.equal([
      ['▲ Amber – likely to miss its deadline', 'warning'],
      ['○ Grey – not started', 'default'],
      ['■ Red – missed its deadline', 'attention'],
    ]);
  });

  it('shows the title, short text, due date, last update and why it is asked', () => {
    const text = allText(card);
    expect(text).to.include('Your plan actions this week');
    expect(text).to.include('Due 31 Mar 2023. Last updated 3 Mar 2023, 14:05.');
    expect(text).to.include('Due 30 Jun 2023. Last updated 20 Feb 2023, 09:30.');
    expect(text).to.include('Due 31 Mar 2023. Never updated.');
    expect(text).to.include("Why we're asking: Not started, due 31 Mar 2023.");
    const short = textBlocks(card).find((t) => String(t.text).startsWith('**1.1.4**'))!.text as string;
    expect(short.endsWith('…')).to.equal(true);
    expect(short.length).to.be.at.most('**1.1.4** '.length + 140);
  });

  it('uses the plan note when there is no date, and says when a date has passed', () => {
    const noDate = nudgeCard({ leadName: 'A', items: [{ action: NO_DATE, etag: 'e', reasons: [] }], page: 1, cycle: 'c', today: TODAY });
    expect(allText(noDate)).to.include('Due: Dependent on sustainability.');
    const late = nudgeCard({ leadName: 'A', items: [three[0]], page: 1, cycle: 'c', today: '2023-04-03' });
    expect(allText(late)).to.include('Due 31 Mar 2023 (date passed).');
  });

  it('carries a plain summary for screen readers', () => {
    expect(card.fallbackText).to.equal(card.speak);
    expect(card.speak).to.include('1.1.3 Amber – likely to miss its deadline');
  });

  describe('paging 23 actions at 5 a page', () => {
    const items = manyActions(23);
    const pages = [1, 2, 3, 4, 5].map((page) => nudgeCard({ leadName: 'Sally Richardson', items, page, cycle: '2023-W11', today: TODAY }));

    it('makes 5 pages holding every action once', () => {
      const refs = pages.flatMap((p) => byTitle(p, 'No change').map((b) => b.data.ref));
      expect(refs).to.deep.equal(items.map((i) => i.action.ref));
      expect(pages.map((p) => byTitle(p, 'Update').length)).to.deep.equal([5, 5, 5, 5, 3]);
      expect(allText(pages[1])).to.include('Page 2 of 5');
    });

    it('offers Previous and Next only where there is somewhere to go', () => {
      const nav = pages.map((p) => (p.actions ?? []).map((a) => `${a.title}:${a.data.page}`));
      expect(nav).to.deep.equal([['Next:2'], ['Previous:1', 'Next:3'], ['Previous:2', 'Next:4'], ['Previous:3', 'Next:5'], ['Previous:4']]);
      for (const a of pages[2].actions ?? []) expect([a.verb, Object.keys(a.data).sort()]).to.deep.equal([VERBS.page, ['cycle', 'page']]);
    });

    it('keeps every page free of problems and the biggest under 20 KB', () => {
      for (const page of pages) expect(cardProblems(page)).to.deep.equal([]);
      const biggest = Math.max(...pages.map(cardBytes));
      expect(biggest).to.be.below(CARD_BUDGET_BYTES);
    });

    it('shows the nearest real page for a stale page number', () => {
      const beyond = nudgeCard({ leadName: 'A', items, page: 9, cycle: 'c', today: TODAY });
      expect(allText(beyond)).to.include('Page 5 of 5');
      const zero = nudgeCard({ leadName: 'A', items, page: 0, cycle: 'c', today: TODAY });
      expect(allText(zero)).to.include('Page 1 of 5');
    });

    it('honours a custom page size', () => {
      const card10 = nudgeCard({ leadName: 'A', items, page: 3, pageSize: 10, cycle: 'c', today: TODAY });
      expect(allText(card10)).to.include('Page 3 of 3');
      expect(byTitle(card10, 'Update')).to.have.length(3);
    });
  });

  it('asks Teams to refresh for the given users with the cycle and page, and not otherwise', () => {
    expect(card).not.to.have.property('refresh');
    const withRefresh = nudgeCard({ leadName: 'A', items: manyActions(7), page: 2, cycle: '2023-W11', today: TODAY, userIds: ['29:1abc'] });
    expect(withRefresh.refresh).to.deep.equal({
      action: { type: 'Action.Execute', verb: VERBS.refresh, data: { cycle: '2023-W11', page: 2 } },
      userIds: ['29:1abc'],
    });
    expect(cardProblems(withRefresh)).to.deep.equal([]);
    const crowd = nudgeCard({
      leadName: 'A',
      items: [],
      page: 1,
      cycle: 'c',
      today: TODAY,
      userIds: Array.from({ length: 70 }, (_, i) => `29:${i}`),
    });
    expect(crowd.refresh!.userIds).to.have.length(60);
  });

  it('says so kindly when nothing needs an update', () => {
    const empty = nudgeCard({ leadName: 'Clare Smith', items: [], page: 1, cycle: 'c', today: TODAY });
    expect(cardProblems(empty)).to.deep.equal([]);
    expect(allText(empty)).to.include('None of your actions needs an update this week');
    expect(buttons(empty)).to.deep.equal([]);
  });
});
