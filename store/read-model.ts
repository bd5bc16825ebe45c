// The plan kept in memory for the tab, so a page load in a meeting does not
// read every list. It is refreshed on change:
//  - writes through `store` (the decorated store the app hands everyone: the
//    bot, the tab, the scheduler) mark it stale at once;
//  - changes made elsewhere (another instance, a direct list edit, another
//    process on the SQLite file) show in the store's changeToken(), which is
//    checked at most every `checkEveryMs` (SQLite: every read, it is one
//    pragma; SharePoint: one request for the site's lists, every few seconds).
// SharePoint's lastModifiedDateTime has whole seconds, so a change in the same
// second as a read may not move the token: a read made because something
// changed is "unsettled" and is made once more at the next check.
import type { PlanSnapshot } from '../core/model';
import type { PlanStore } from '../core/ports';
import type { MonthSnapshot } from '../core/snapshots';

export interface ReadModelOptions {
  /** How often to ask the store whether anything changed; 0 = on every read. */
  checkEveryMs?: number;
  /** True when the token moves with every change (SQLite): no second read needed. */
  exactToken?: boolean;
  clock?: () => number;
}

interface Cached {
  plan: PlanSnapshot;
  snapshots: MonthSnapshot[];
  token: string;
  generation: number;
  settled: boolean;
}

const WRITES = [
  'saveAction',
  'applyChanges',
  'saveLead',
  'setChair',
  'setNextMeeting',
  'addKpiMeasurement',
  'saveMonthSnapshot',
  'provision',
] as const;

export class PlanReadModel {
  /** The store to use everywhere: the same store, whose writes refresh the read model. */
  readonly store: PlanStore;
  /** Reads of the whole plan made so far (for tests and the bench). */
  loads = 0;
  private generation = 0;
  private cached?: Cached;
  private lastCheck = 0;
  private loading?: Promise<Cached>;
  private readonly checkEveryMs: number;
  private readonly clock: () => number;

  constructor(
    readonly inner: PlanStore,
    private readonly opts: ReadModelOptions = {},
  ) {
    this.checkEveryMs = opts.checkEveryMs ?? 3000;
    this.clock = opts.clock ?? Date.now;
    this.store = this.decorate(inner);
  }

  private decorate(inner: PlanStore): PlanStore {
    // The proxy's traps run with their own `this`; they need the read model's.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const model = this;
    return new Proxy(inner, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        if (!(WRITES as readonly (string | symbol)[]).includes(prop)) return value.bind(target);
        return async (...args: unknown[]) => {
          try {
            return await value.apply(target, args);
          } finally {
            // Even a failed write may have changed something (a half-done import).
            model.generation++;
          }
        };
      },
    });
  }

  /** The plan as it stands, from memory unless something changed. */
  async plan(): Promise<PlanSnapshot> {
    return (await this.current()).plan;
  }

  /** The month-end snapshots, oldest first. */
  async snapshots(): Promise<MonthSnapshot[]> {
    return (await this.current()).snapshots;
  }

  private async current(): Promise<Cached> {
    const c = this.cached;
    if (!c || c.generation !== this.generation) return this.reload(false);
    const now = this.clock();
    if (now - this.lastCheck < this.checkEveryMs) return c;
    this.lastCheck = now;
    const token = await this.inner.changeToken();
    if (token !== c.token) return this.reload(false);
    if (!c.settled) return this.reload(true);
    return c;
  }

  private reload(settling: boolean): Promise<Cached> {
    this.loading ??= (async () => {
      const generation = this.generation;
      const before = this.cached?.token;
      const token = await this.inner.changeToken();
      const [plan, snapshots] = await Promise.all([this.inner.loadPlan(), this.inner.listMonthSnapshots()]);
      this.loads++;
      this.lastCheck = this.clock();
      const next: Cached = { plan, snapshots, token, generation, settled: this.opts.exactToken || (settling && token === before) };
      this.cached = next;
      return next;
    })().finally(() => (this.loading = undefined));
    return this.loading;
  }
}
