// handleCardAction directly, for what HTTP tests cannot easily stage: a store
// failing after a change was accepted must not turn the answer into "not saved".
import { expect } from 'chai';
import { handleCardAction } from '../../bot/card-actions';
import type { BotServices } from '../../bot/services';
import { VERBS } from '../../bot/cards/verbs';
import { importPlan } from '../../core/import/import-plan';
import { updateActionStatus, type Identity } from '../../core/update-action';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { SqliteReachStore } from '../../store/local/sqlite-reach-store';
import { SAMPLE_DIR } from '../contract/plan-store.contract';

const JEN: Identity = { aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Jennifer Ashton' };
const SALLY: Identity = { aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000002', name: 'Sally Richardson' };

const turnFrom = (who: Identity) =>
  ({
    activity: {
      from: { id: `29:${who.name}`, aadObjectId: who.aadObjectId, name: who.name },
      conversation: { id: 'a:1', conversationType: 'personal' },
    },
  }) as never;
const tap = (verb: string, data: Record<string, unknown>) => ({ action: { type: 'Action.Execute', verb, data } }) as never;

describe('card actions after an accepted change', () => {
  let store: SqlitePlanStore;
  let services: BotServices;
  let logged: string[];
  const clock = new Date('2023-03-06T09:00:00Z');

  beforeEach(async () => {
    store = new SqlitePlanStore(':memory:');
    await store.provision();
    await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
    const leads = await store.listLeads();
    await store.saveLead({ ...leads.find((l) => l.key === 'jennifer-ashton')!, aadObjectId: JEN.aadObjectId });
    await store.saveLead({ ...leads.find((l) => l.key === 'sally-richardson')!, aadObjectId: SALLY.aadObjectId });
    await store.setChair('improving-outcomes', 'sally-richardson');
    const reach = new SqliteReachStore(store.db);
    // The reach store fails from here on, after the plan store has accepted the change.
    reach.listReachability = async () => Promise.reject(new Error('reach store unavailable'));
    reach.deliveriesFor = async () => Promise.reject(new Error('reach store unavailable'));
    logged = [];
    services = { store, reach, now: () => clock, rules: { windowDays: 14, staleDays: 28, recentDays: 3 }, log: (l) => logged.push(l) };
  });
  afterEach(() => store.close());

  it('a sign-off from the digest that saved says so even when the digest cannot be redrawn', async () => {
    await updateActionStatus(
      { store, now: () => clock },
      { identity: JEN, ref: '1.1.3', report: { rag: 'Blue', completionEvidence: 'Report published' }, source: 'teams-chat' },
    );
    const current = (await store.getAction('1.1.3'))!;
    const res = await handleCardAction(
      turnFrom(SALLY),
      tap(VERBS.signOff, {
        ref: '1.1.3',
        etag: current.etag,
        updatedAt: current.value.lastUpdatedAt,
        origin: 'digest',
        groupKey: 'improving-outcomes',
      }),
      services,
    );
    const text = JSON.stringify(res);
    expect((await store.getAction('1.1.3'))!.value).to.include({ rag: 'Blue', signedOffBy: 'sally-richardson' });
    expect(text).to.contain('Signed off as complete');
    expect(text).not.to.contain('not saved');
    expect(logged).to.deep.equal(['redrawing the digest failed: reach store unavailable']);
  });

  it('an update that saved says so even when the reply cannot be recorded against the prompt', async () => {
    const current = (await store.getAction('1.1.3'))!;
    const res = await handleCardAction(
      turnFrom(JEN),
      tap(VERBS.saveUpdate, { ref: '1.1.3', etag: current.etag, updatedAt: '', rag: 'Green' }),
      services,
    );
    expect((await store.getAction('1.1.3'))!.value.rag).to.equal('Green');
    expect(JSON.stringify(res)).not.to.contain('not saved');
    expect(logged).to.deep.equal(['recording the reply failed: reach store unavailable']);
  });
});
