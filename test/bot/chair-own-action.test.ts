// Issue 12: a chair who reports their own action complete no longer signs it
// off in the same step; the secretariat is asked, and signs it off.
import { expect } from 'chai';
import { VERBS } from '../../bot/cards/verbs';
import { cardText, JEN, SALLY, SECRETARIAT, startHarness, type Harness } from './harness';

function signOffButtons(card: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, any>;
    if (o.type === 'Action.Execute' && o.verb === VERBS.signOff) out.push(o.data);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

describe('a chair who leads their own action', function () {
  this.timeout(30_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    // Sally chairs Improving Outcomes; make her the lead of 1.1.3 too.
    const a = (await h.store.getAction('1.1.3'))!;
    await h.store.saveAction({ ...a.value, leadKeys: ['sally-richardson'] }, a.etag, {
      id: 'make-sally-lead',
      actionRef: '1.1.3',
      at: '2023-03-01T09:00:00Z',
      by: 'import',
      byName: 'Import',
      source: 'import',
      kind: 'import',
      changes: [],
      comment: undefined,
    } as never);
  });
  afterEach(async () => h.close());

  it('reports completion like any lead; the secretariat gets the note and signs it off', async () => {
    for (const p of [SALLY, SECRETARIAT, JEN]) await h.teams.install(p);
    const a = (await h.store.getAction('1.1.3'))!;
    const saved = await h.teams.tap(
      SALLY,
      VERBS.saveUpdate,
      { ref: '1.1.3', etag: a.etag, updatedAt: a.value.lastUpdatedAt ?? '' },
      { rag: 'Blue', completionEvidence: 'Report to the board' },
    );
    expect(cardText(saved.body.value)).to.match(/sign-off/i);
    const reported = (await h.store.getAction('1.1.3'))!;
    expect(reported.value).to.include({ completionReportedBy: 'sally-richardson' });
    expect(reported.value.rag).not.to.equal('Blue');
    expect((await h.store.actionHistory('1.1.3')).map((u) => u.kind)).to.deep.equal(['import', 'completion-reported']);

    // Her form offers no Sign off button, and tapping one anyway is refused.
    const form = await h.teams.tap(SALLY, VERBS.openUpdate, { ref: '1.1.3', etag: reported.etag, updatedAt: reported.value.lastUpdatedAt ?? '' });
    expect(signOffButtons(form.body.value)).to.deep.equal([]);
    const own = await h.teams.tap(SALLY, VERBS.signOff, { ref: '1.1.3', etag: reported.etag, updatedAt: reported.value.lastUpdatedAt ?? '' });
    expect(cardText(own.body.value)).to.contain('someone else signs it off');
    expect((await h.store.getAction('1.1.3'))!.value.rag).not.to.equal('Blue');

    // The note goes to the secretariat, not to Sally.
    const secs = h.teams.conversationOf(SECRETARIAT);
    for (let i = 0; i < 100 && h.connector.cards(secs).length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    const note = h.connector.cards(secs).at(-1);
    expect(cardText(note)).to.contain('Ready for your sign-off: 1.1.3');
    expect(h.connector.cards(h.teams.conversationOf(SALLY)).map(cardText).join('')).not.to.contain('Ready for your sign-off');
    const signed = await h.teams.tap(SECRETARIAT, VERBS.signOff, signOffButtons(note)[0]);
    expect(cardText(signed.body.value)).to.match(/Signed off as complete/);
    expect((await h.store.getAction('1.1.3'))!.value).to.include({ rag: 'Blue', signedOffBy: 'board-secretariat' });
  });
});
