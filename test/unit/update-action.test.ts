// The update use case against a real (in-memory) store: what a stale or
// version-less card gets back, and that it changes nothing.
import { expect } from 'chai';
import { importPlan } from '../../core/import/import-plan';
import { signOffAction, StaleCardError, updateActionStatus, type Identity } from '../../core/update-action';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { SAMPLE_DIR } from '../contract/plan-store.contract';

const JEN: Identity = { aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Jennifer Ashton' };
const SECRETARIAT: Identity = { aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000005', name: 'Board Secretariat' };

describe('updateActionStatus and signOffAction: stale cards', () => {
  let store: SqlitePlanStore;
  let clock: Date;
  const deps = () => ({ store, now: () => clock });

  beforeEach(async () => {
    store = new SqlitePlanStore(':memory:');
    await store.provision();
    await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
    const jen = (await store.listLeads()).find((l) => l.key === 'jennifer-ashton')!;
    await store.saveLead({ ...jen, aadObjectId: JEN.aadObjectId });
    await store.saveLead({
      key: 'board-secretariat',
      displayName: 'Board Secretariat',
      aliases: [],
      aadObjectId: SECRETARIAT.aadObjectId,
      isSecretariat: true,
    });
    clock = new Date('2023-03-06T09:00:00Z');
  });
  afterEach(() => store.close());

  async function caught(p: Promise<unknown>): Promise<StaleCardError> {
    try {
      await p;
    } catch (e) {
      if (e instanceof StaleCardError) return e;
      throw e;
    }
    throw new Error('expected a stale card');
  }

  it('a stale card hears of every change since its version, by everyone, and saves nothing', async () => {
    const shown = (await store.getAction('1.1.3'))!;
    const seen = { etag: shown.etag, updatedAt: shown.value.lastUpdatedAt ?? '' };
    await updateActionStatus(deps(), {
      identity: SECRETARIAT,
      ref: '1.1.3',
      seen,
      report: { rag: 'Amber', commentary: 'Data team moving' },
      source: 'teams-card',
    });
    clock = new Date('2023-03-07T09:00:00Z');
    const mid = (await store.getAction('1.1.3'))!;
    await updateActionStatus(deps(), {
      identity: JEN,
      ref: '1.1.3',
      seen: { etag: mid.etag, updatedAt: mid.value.lastUpdatedAt },
      report: { newDueDate: '2023-05-31', commentary: 'Moved to May' },
      source: 'teams-card',
    });
    const before = await store.getAction('1.1.3');

    const stale = await caught(updateActionStatus(deps(), { identity: JEN, ref: '1.1.3', seen, report: { rag: 'Green' }, source: 'teams-card' }));
    expect(stale.current!.versionKnown).to.equal(true);
    expect(stale.current!.missed.changes.map((c) => [c.field, c.from, c.to])).to.deep.equal([
      ['rag', shown.value.rag, 'Amber'],
      ['commentary', shown.value.commentary ?? null, 'Moved to May'],
      ['dueDate', shown.value.dueDate ?? null, '2023-05-31'],
    ]);
    expect(stale.current!.missed.by).to.deep.equal(['Board Secretariat', 'Jennifer Ashton']);
    expect(await store.getAction('1.1.3')).to.deep.equal(before);
    expect(await store.actionHistory('1.1.3')).to.have.length(2);
  });

  it('a card verb without an eTag is stale: the current state comes back and nothing changes', async () => {
    const before = (await store.getAction('1.1.3'))!;
    const stale = await caught(
      updateActionStatus(deps(), { identity: JEN, ref: '1.1.3', seen: { etag: undefined }, report: { rag: 'Green' }, source: 'teams-card' }),
    );
    expect(stale.current!.versionKnown).to.equal(false);
    expect(stale.current!.current).to.deep.equal(before);
    expect(stale.current!.missed.changes).to.deep.equal([]);
    await caught(signOffAction(deps(), { identity: SECRETARIAT, ref: '1.1.3', seen: {}, source: 'teams-card' }));
    expect(await store.getAction('1.1.3')).to.deep.equal(before);
    expect(await store.actionHistory('1.1.3')).to.deep.equal([]);
  });

  it('typed chat carries no card version and acts on the current one', async () => {
    const done = await updateActionStatus(deps(), { identity: JEN, ref: '1.1.3', report: { rag: 'Green' }, source: 'teams-chat' });
    expect(done.saved.value.rag).to.equal('Green');
  });
});
