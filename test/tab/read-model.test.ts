// The read model: the plan from memory until something changes, and then read
// again; writes through its store refresh it at once; a coarse change token
// (SharePoint's whole seconds) is allowed for with one settling read.
import { expect } from 'chai';
import type { PlanSnapshot } from '../../core/model';
import type { PlanStore } from '../../core/ports';
import { PlanReadModel } from '../../store/read-model';

function stubStore() {
  const state = { token: 't1', version: 0, reads: 0 };
  const store = {
    async loadPlan(): Promise<PlanSnapshot> {
      state.reads++;
      return {
        deliveryGroups: [],
        priorities: [],
        outcomes: [],
        actions: [],
        kpis: [],
        leads: [{ key: `v${state.version}`, displayName: '', aliases: [] }],
      };
    },
    async listMonthSnapshots() {
      return [];
    },
    async changeToken() {
      return state.token;
    },
    async setChair() {
      state.version++;
    },
  } as unknown as PlanStore;
  return { store, state };
}

const version = async (rm: PlanReadModel) => (await rm.plan()).leads[0].key;

describe('plan read model', () => {
  it('serves the plan from memory while the exact token stands still, and reads again when it moves', async () => {
    const { store, state } = stubStore();
    const rm = new PlanReadModel(store, { checkEveryMs: 0, exactToken: true });
    await rm.plan();
    await rm.plan();
    await rm.plan();
    expect(state.reads).to.equal(1);
    state.version++;
    state.token = 't2'; // another process wrote
    expect(await version(rm)).to.equal('v1');
    expect(state.reads).to.equal(2);
  });

  it('is refreshed at once by a write through its store', async () => {
    const { store, state } = stubStore();
    const clock = { now: 0 };
    const rm = new PlanReadModel(store, { checkEveryMs: 60_000, exactToken: true, clock: () => clock.now });
    expect(await version(rm)).to.equal('v0');
    await rm.store.setChair('g', 'someone');
    expect(await version(rm)).to.equal('v1');
    expect(state.reads).to.equal(2);
  });

  it('asks the store at most every checkEveryMs, and reads once more after a change when the token is coarse', async () => {
    const { store, state } = stubStore();
    const clock = { now: 0 };
    const rm = new PlanReadModel(store, { checkEveryMs: 3000, clock: () => clock.now });
    await rm.plan(); // cold read: unsettled
    clock.now = 1000;
    await rm.plan();
    expect(state.reads).to.equal(1); // within the interval: not even a check
    // A change lands in the same second as the read: the token does not move.
    state.version++;
    clock.now = 3500;
    expect(await version(rm)).to.equal('v1'); // the settling read finds it
    expect(state.reads).to.equal(2);
    clock.now = 7000;
    await rm.plan();
    expect(state.reads).to.equal(2); // settled: an unchanged token is trusted now
    state.version++;
    state.token = 't2';
    clock.now = 11_000;
    expect(await version(rm)).to.equal('v2');
    clock.now = 15_000;
    await rm.plan(); // one settling read after the change
    clock.now = 19_000;
    await rm.plan();
    expect(state.reads).to.equal(4);
  });
});
